package dev.localacme.server.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;
import dev.localacme.server.internal.challtestsrv.DnsResponder;
import dev.localacme.server.internal.challtestsrv.RequestHistory;
import dev.localacme.server.internal.protocol.ProblemJson;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaaTest {
  private static final String ACCOUNT = "https://localhost:14000/acme/acct/1";

  private final DnsRecordStore records = new DnsRecordStore("", "");
  private final Caa caa =
      new Caa(
          new DnsLookup(
              DnsSource.inProcess(
                  new DnsResponder(records, new RequestHistory())::answer, "test records")),
          List.of("localacme", "Pebble.LetsEncrypt.org"));

  @Test
  void noRecordsAnywhereAllowsIssuance() {
    assertThat(check("a.b.example.test", false)).isEmpty();
  }

  @Test
  void theClosestNonEmptyRrsetWins() {
    records.caa("example.test", "issue", "localacme");
    records.caa("b.example.test", "issue", "other.ca");

    assertThat(check("a.b.example.test", false)).isPresent();
    assertThat(check("c.example.test", false)).isEmpty();
  }

  @Test
  void issuerNamesCompareCaseInsensitively() {
    records.caa("case.test", "ISSUE", "pebble.letsencrypt.ORG");

    assertThat(check("case.test", false)).isEmpty();
  }

  @Test
  void anyOfSeveralIssuePropertiesMayAuthorize() {
    records.caa("several.test", "issue", "other.ca").caa("several.test", "issue", "localacme");

    assertThat(check("several.test", false)).isEmpty();
  }

  @Test
  void onlyIodefOrUnknownNonCriticalPropertiesDoNotRestrict() {
    records.caa("iodef.test", "iodef", "mailto:x@iodef.test").caa("iodef.test", "future", "x");

    assertThat(check("iodef.test", false)).isEmpty();
  }

  @Test
  void issuewildAloneDoesNotRestrictTheBaseName() {
    records.caa("wild.test", "issuewild", ";");

    assertThat(check("wild.test", false)).isEmpty();
    assertThat(check("wild.test", true)).isPresent();
  }

  @Test
  void aWildcardFallsBackToIssueWithoutIssuewild() {
    records.caa("wild2.test", "issue", "other.ca");

    assertThat(check("wild2.test", true)).isPresent();
  }

  @Test
  void aCriticalUnknownPropertyRefusesEvenWithAnAuthorizingIssue() {
    records.caa("critical.test", "issue", "localacme").caa("critical.test", 128, "future", "x");

    assertThat(check("critical.test", false))
        .hasValueSatisfying(p -> assertThat(p.detail()).contains("critical property \"future\""));
  }

  @Test
  void aCriticalKnownPropertyIsFine() {
    records.caa("critical-known.test", 128, "issue", "localacme");

    assertThat(check("critical-known.test", false)).isEmpty();
  }

  @Test
  void severalAccounturiParametersMatchNoAccount() {
    records.caa(
        "acct.test", "issue", "localacme; accounturi=" + ACCOUNT + "; accounturi=" + ACCOUNT);

    assertThat(check("acct.test", false))
        .hasValueSatisfying(p -> assertThat(p.detail()).contains("several accounturi"));
  }

  @Test
  void aMalformedValidationmethodsRefuses() {
    records.caa("methods.test", "issue", "localacme; validationmethods=dns-01,,http-01");

    assertThat(check("methods.test", false))
        .hasValueSatisfying(p -> assertThat(p.detail()).contains("malformed validationmethods"));
  }

  @Test
  void followsACnameToTheTargetsRecords() {
    records.cname("alias.test", "target.test").caa("target.test", "issue", "other.ca");

    assertThat(check("alias.test", false)).isPresent();
  }

  @Test
  void aServfailIsADnsProblem() {
    records.servfail("example.test");

    assertThat(check("www.example.test", false))
        .hasValueSatisfying(p -> assertThat(p.type()).isEqualTo("urn:ietf:params:acme:error:dns"));
  }

  private Optional<ProblemJson> check(String name, boolean wildcard) {
    return caa.check(name, wildcard, ACCOUNT, "dns-01");
  }
}
