package dev.localacme.server.internal.challtestsrv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ListenAddressTest {
  @Test
  void aPortAloneListensOnTheDefaultHost() {
    assertThat(ListenAddress.parse(":8053", "127.0.0.1"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 8053));
  }

  @Test
  void aPortAloneWithoutDefaultHostListensEverywhere() {
    assertThat(ListenAddress.parse(":8053", "").getAddress().isAnyLocalAddress()).isTrue();
  }

  @Test
  void takesHostsAndBracketedIpv6() {
    assertThat(ListenAddress.parse("127.0.0.2:5002", ""))
        .isEqualTo(new InetSocketAddress("127.0.0.2", 5002));
    assertThat(ListenAddress.parse("[::1]:5002", "")).isEqualTo(new InetSocketAddress("::1", 5002));
  }

  @Test
  void refusesWhatIsNoAddress() {
    assertThatThrownBy(() -> ListenAddress.parse("::1:5002", ""))
        .hasMessageContaining("host:port, [v6]:port or :port");
    assertThatThrownBy(() -> ListenAddress.parse("localhost:http", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ListenAddress.parse(":70000", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
