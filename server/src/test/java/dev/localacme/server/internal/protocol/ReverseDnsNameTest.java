package dev.localacme.server.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReverseDnsNameTest {
  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, 1.0.0.127.in-addr.arpa",
    "192.0.2.10, 10.2.0.192.in-addr.arpa",
    "2001:db8::1, 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
  })
  void writesAndReadsReverseDnsNames(String ip, String name) throws Exception {
    InetAddress address = InetAddress.getByName(ip);

    assertThat(Identifiers.reverseDnsName(address)).isEqualTo(name);
    assertThat(Identifiers.fromReverseDnsName(name)).hasValue(address);
    assertThat(Identifiers.fromReverseDnsName(name.toUpperCase() + ".")).hasValue(address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "example.test",
        "0.127.in-addr.arpa",
        "256.0.0.127.in-addr.arpa",
        "01.0.0.127.in-addr.arpa",
        "x.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
      })
  void otherNamesAreNoAddress(String name) {
    assertThat(Identifiers.fromReverseDnsName(name)).isEmpty();
  }
}
