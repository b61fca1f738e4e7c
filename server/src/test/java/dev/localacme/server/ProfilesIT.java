package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.Issuance;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.RawClient;
import dev.localacme.server.support.RawClient.Reply;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.Order;

/** Certificate profiles (draft-ietf-acme-profiles) end to end with acme4j. */
class ProfilesIT {
  @RegisterExtension
  static final InProcessAcme acme =
      InProcessAcme.with(
          b -> b.profile("hourly", new Profile("one hour, with a CN", Duration.ofHours(1), true)));

  @Test
  void directoryListsTheBuiltInAndConfiguredProfiles() throws Exception {
    Metadata meta = Acme4j.session(acme.server()).getMetadata();

    assertThat(meta.getProfiles()).containsExactly("default", "shortlived", "hourly");
    assertThat(meta.getProfileDescription("hourly")).contains("one hour, with a CN");
  }

  @Test
  void shortLivedProfileIssuesSixDayCertificates() throws Exception {
    Order order =
        acme.login().getAccount().newOrder().domain("short.test").profile("shortlived").create();
    assertThat(order.getProfile()).isEqualTo("shortlived");

    X509Certificate leaf = acme.complete(order).getCertificate();

    assertThat(validity(leaf)).isEqualTo(Duration.ofDays(6).minusSeconds(1));
    assertThat(leaf.getSubjectX500Principal().getName()).isEmpty();
    assertThat(acme.server().orders())
        .filteredOn(o -> o.identifiers().contains("short.test"))
        .extracting(OrderInfo::profile)
        .containsExactly("shortlived");
  }

  @Test
  void orderWithoutProfileGetsTheDefaultProfileNeverARandomOne() throws Exception {
    for (int i = 0; i < 3; i++) {
      Order order = acme.login().getAccount().newOrder().domain("plain" + i + ".test").create();
      assertThat(order.getProfile()).isEqualTo("default");
    }
    X509Certificate leaf = acme.issue("plain.test").getCertificate();
    assertThat(validity(leaf)).isEqualTo(Duration.ofDays(90).minusSeconds(1));
  }

  @Test
  void userProfileSetsValidityAndPromotesTheFirstNameToCommonName() throws Exception {
    X509Certificate leaf =
        acme.issue(o -> o.profile("hourly"), "cn.test", "www.cn.test").getCertificate();

    assertThat(validity(leaf)).isEqualTo(Duration.ofHours(1).minusSeconds(1));
    assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=cn.test");
  }

  @Test
  void unknownProfileIsInvalidProfile() {
    // acme4j refuses unadvertised profiles itself, so this request is made by hand.
    RawClient raw = acme.raw();
    KeyPair key = KeyPairs.ec();
    String kid = raw.newAccount(key);

    Reply reply =
        raw.post(
            raw.url("newOrder"),
            "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"x.test\"}],"
                + "\"profile\":\"tlsserver\"}",
            key,
            kid);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.problemType()).isEqualTo("urn:ietf:params:acme:error:invalidProfile");
    assertThat(reply.json().path("detail").asText()).contains("tlsserver", "shortlived");
  }

  @Test
  void configuredDefaultProfileAppliesToOrdersWithoutOne() throws Exception {
    try (AcmeServer shortByDefault =
        AcmeServer.builder()
            .http01Port(acme.responder().port())
            .defaultProfile("shortlived")
            .start()) {
      Login account = Acme4j.newAccount(shortByDefault);

      X509Certificate leaf =
          Issuance.issue(account, acme.responder(), "default.test").getCertificate();

      assertThat(validity(leaf)).isEqualTo(Duration.ofDays(6).minusSeconds(1));
    }
    assertThatThrownBy(() -> AcmeServer.builder().defaultProfile("nope").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  private static Duration validity(X509Certificate leaf) {
    return Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
  }
}
