package dev.localacme.server.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;
import dev.localacme.server.internal.challtestsrv.DnsResponder;
import dev.localacme.server.internal.challtestsrv.RequestHistory;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class DnsLookupTest {
  private final DnsRecordStore records = new DnsRecordStore("", "");
  private final DnsLookup lookup =
      new DnsLookup(
          DnsSource.inProcess(new DnsResponder(records, new RequestHistory())::answer, "records"));

  @Test
  void followsAChainOfCnamesByAskingAgain() throws Exception {
    // The responder follows one level; the lookup asks again for the rest.
    records.cname("a.test", "b.test").cname("b.test", "c.test").cname("c.test", "d.test");
    records.txt("d.test", "found");

    DnsLookup.Result result = lookup.lookup("a.test", Type.TXT);

    assertThat(result.records())
        .singleElement()
        .satisfies(r -> assertThat(((TXTRecord) r).getStrings()).containsExactly("found"));
    assertThat(result.aliases()).containsExactly("b.test", "c.test", "d.test");
  }

  @Test
  void givesUpOnACnameLoop() {
    records.cname("loop1.test", "loop2.test").cname("loop2.test", "loop1.test");

    assertThatThrownBy(() -> lookup.lookup("loop1.test", Type.TXT))
        .isInstanceOf(DnsLookup.Failure.class)
        .hasMessageContaining("more than 8 CNAMEs");
  }

  @Test
  void aMissingNameHasNoRecords() throws Exception {
    assertThat(lookup.lookup("none.test", Type.TXT).records()).isEmpty();
  }

  @Test
  void parsesDnsServerAddresses() {
    assertThat(DnsSource.parseServer("127.0.0.1:8053"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 8053));
    assertThat(DnsSource.parseServer("[::1]:53")).isEqualTo(new InetSocketAddress("::1", 53));
    assertThat(DnsSource.parseServer("127.0.0.1"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 53));
    assertThatThrownBy(() -> DnsSource.parseServer("127.0.0.1:x"))
        .hasMessageContaining("write host:port");
  }
}
