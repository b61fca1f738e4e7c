package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.Issuance;
import dev.localacme.server.support.MutableClock;
import dev.localacme.server.support.Problems;
import dev.localacme.server.support.RawClient;
import dev.localacme.server.support.RawClient.Reply;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.toolbox.AcmeUtils;

/** ACME Renewal Information (RFC 9773) end to end with acme4j: windows, renew now, replaces. */
class RenewalInfoIT {
  @RegisterExtension static final InProcessAcme acme = InProcessAcme.create();

  @Test
  void directoryAdvertisesRenewalInfoWithoutTrailingSlash() {
    String url = acme.raw().url("renewalInfo");
    assertThat(url).startsWith("https://").endsWith("/renewal-info");
  }

  @Test
  void suggestedWindowLiesInTheLastThirdOfTheValidity() throws Exception {
    Certificate certificate = acme.issue("ari-window.test");
    RenewalInfo info = certificate.getRenewalInfo();

    assertThat(info.fetch()).as("Retry-After").isPresent();

    X509Certificate leaf = certificate.getCertificate();
    Instant notBefore = leaf.getNotBefore().toInstant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    Duration lifetime = Duration.between(notBefore, notAfter);
    Instant ideal = notAfter.minus(lifetime.dividedBy(3));
    Duration margin = lifetime.dividedBy(100).plusSeconds(1);
    assertThat(info.getSuggestedWindowStart()).isBetween(ideal.minus(margin), ideal);
    assertThat(info.getSuggestedWindowEnd()).isBetween(ideal, ideal.plus(margin));
    assertThat(info.renewalIsNotRequired(Instant.now())).isTrue();
  }

  @Test
  void renewNowLeadsTheClientToAnOrderThatReplacesTheCertificate() throws Exception {
    Certificate old = acme.issue("ari-renew.test");
    String certId = AcmeUtils.getRenewalUniqueIdentifier(old.getCertificate());
    RenewalInfo info = old.getRenewalInfo();
    info.fetch();
    assertThat(info.renewalIsOverdue(Instant.now())).isFalse();

    acme.server().renewNow(serial(old));

    info.fetch();
    assertThat(info.renewalIsOverdue(Instant.now())).isTrue();
    Order renewal =
        acme.login().getAccount().newOrder().domain("ari-renew.test").replaces(old).create();
    assertThat(renewal.getJSON().get("replaces").asString()).isEqualTo(certId);
    Certificate renewed = acme.complete(renewal);

    assertThat(serial(renewed)).isNotEqualTo(serial(old));
    renewal.fetch();
    assertThat(renewal.getJSON().get("replaces").asString()).isEqualTo(certId);
    assertThat(acme.server().orders())
        .filteredOn(o -> serial(renewed).equals(o.certificateSerial()))
        .singleElement()
        .satisfies(o -> assertThat(o.replaces()).isEqualTo(certId));
    assertThatThrownBy(
            () ->
                acme.login()
                    .getAccount()
                    .newOrder()
                    .domain("ari-renew.test")
                    .replaces(old)
                    .create())
        .satisfies(e -> assertThat(Problems.type(e)).isEqualTo("alreadyReplaced"))
        .satisfies(e -> assertThat(Problems.status(e)).isEqualTo(409));
  }

  @Test
  void aReplacementOrderThatFailedFreesTheCertificateForAnother() throws Exception {
    Certificate old = acme.issue("ari-retry.test");
    Order failed =
        acme.login().getAccount().newOrder().domain("ari-retry.test").replaces(old).create();
    failed.getAuthorizations().get(0).deactivate();

    Order retry =
        acme.login().getAccount().newOrder().domain("ari-retry.test").replaces(old).create();

    assertThat(retry.getJSON().get("replaces").asString())
        .isEqualTo(AcmeUtils.getRenewalUniqueIdentifier(old.getCertificate()));
  }

  @Test
  void revokedCertificateIsDueForRenewalAtOnce() throws Exception {
    Certificate certificate = acme.issue("ari-revoked.test");
    certificate.revoke();

    RenewalInfo info = certificate.getRenewalInfo();
    info.fetch();

    assertThat(info.getSuggestedWindowEnd()).isBefore(Instant.now());
    assertThat(info.getSuggestedWindowStart()).isBefore(info.getSuggestedWindowEnd());
  }

  @Test
  void windowSetFromTheJavaApiIsWhatClientsSee() throws Exception {
    Certificate certificate = acme.issue("ari-set.test");
    Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
    Instant end = start.plus(Duration.ofHours(5));

    acme.server().renewalWindow(serial(certificate), start, end);

    RenewalInfo info = certificate.getRenewalInfo();
    info.fetch();
    assertThat(info.getSuggestedWindowStart()).isEqualTo(start);
    assertThat(info.getSuggestedWindowEnd()).isEqualTo(end);
    assertThatThrownBy(() -> acme.server().renewalWindow(serial(certificate), end, start))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> acme.server().renewNow("ffff"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ffff");
  }

  @Test
  void renewNowFollowsTheServersClock() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    try (AcmeServer timed =
        AcmeServer.builder().http01Port(acme.responder().port()).clock(clock).start()) {
      Login account = Acme4j.newAccount(timed);
      Certificate certificate = Issuance.issue(account, acme.responder(), "ari-clock.test");
      clock.advance(Duration.ofDays(30));

      timed.renewNow(serial(certificate));

      RenewalInfo info = certificate.getRenewalInfo();
      info.fetch();
      Instant serverNow = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      assertThat(info.getSuggestedWindowEnd()).isEqualTo(serverNow.minus(Duration.ofMinutes(30)));
      assertThat(info.getSuggestedWindowStart()).isEqualTo(serverNow.minus(Duration.ofHours(1)));
    }
  }

  @Test
  void anotherAccountCannotReplaceTheCertificate() throws Exception {
    Certificate certificate = acme.issue("ari-owner.test");
    Login other = acme.newAccount();

    assertThatThrownBy(
            () ->
                other
                    .getAccount()
                    .newOrder()
                    .domain("ari-owner.test")
                    .replaces(certificate)
                    .create())
        .satisfies(e -> assertThat(Problems.type(e)).isEqualTo("unauthorized"));
  }

  @Test
  void replacementMustShareAnIdentifier() throws Exception {
    Certificate certificate = acme.issue("ari-shared.test");

    assertThatThrownBy(
            () ->
                acme.login()
                    .getAccount()
                    .newOrder()
                    .domain("ari-other.test")
                    .replaces(certificate)
                    .create())
        .satisfies(e -> assertThat(Problems.type(e)).isEqualTo("malformed"))
        .hasMessageContaining("shares no identifier");
  }

  @Test
  void renewalInfoIsAnUnauthenticatedGetWithRetryAfterThatRefusesBadIdentifiers() throws Exception {
    Certificate certificate = acme.issue("ari-raw.test");
    RawClient raw = acme.raw();
    String base = raw.url("renewalInfo");
    String certId = AcmeUtils.getRenewalUniqueIdentifier(certificate.getCertificate());

    Reply ok = raw.get(base + "/" + certId);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.contentType()).startsWith("application/json");
    assertThat(ok.header("Retry-After")).matches("[0-9]+");
    assertThat(ok.header("Cache-Control")).startsWith("public");
    assertThat(ok.json().at("/suggestedWindow/start").asText()).endsWith("Z");
    assertThat(raw.get(base + "//" + certId).status()).as("a doubled slash").isEqualTo(200);

    Reply garbage = raw.get(base + "/not-a-cert-id");
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.problemType()).endsWith(":malformed");
    String unknownSerial = certId.substring(0, certId.indexOf('.') + 1) + "AQID";
    assertThat(raw.get(base + "/" + unknownSerial).status()).isEqualTo(404);
    String otherIssuer = "AAAA" + certId.substring(certId.indexOf('.'));
    assertThat(raw.get(base + "/" + otherIssuer).status()).isEqualTo(404);
  }

  private static String serial(Certificate certificate) {
    return certificate.getCertificate().getSerialNumber().toString(16);
  }
}
