package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.Chains;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.Issuance;
import dev.localacme.server.support.Sans;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;

/** A wildcard and its base name in one order (RFC 8555 section 7.1.3), both over dns-01. */
class WildcardIT {
  @RegisterExtension static final InProcessAcme acme = InProcessAcme.create();

  @Test
  void issuesOneCertificateForAWildcardAndItsBaseName() throws Exception {
    Order order = acme.newOrder("*.wild.test", "wild.test");
    List<Authorization> authorizations = order.getAuthorizations();
    assertThat(authorizations).hasSize(2);
    assertThat(authorizations)
        .allSatisfy(a -> assertThat(a.getIdentifier().getDomain()).isEqualTo("wild.test"));
    Authorization wildcard =
        authorizations.stream().filter(Authorization::isWildcard).findFirst().orElseThrow();
    Authorization base =
        authorizations.stream().filter(a -> !a.isWildcard()).findFirst().orElseThrow();
    assertThat(wildcard.getChallenges()).extracting(c -> c.getType()).containsExactly("dns-01");
    assertThat(base.getChallenges()).extracting(c -> c.getType()).contains("dns-01", "http-01");

    // Both authorizations put their record at the same name; they must coexist (RFC 8555 8.4).
    for (Authorization authz : authorizations) {
      Dns01Challenge challenge = authz.findChallenge(Dns01Challenge.class).orElseThrow();
      acme.server().dns().txt(challenge.getRRName(authz.getIdentifier()), challenge.getDigest());
    }
    for (Authorization authz : authorizations) {
      Dns01Challenge challenge = authz.findChallenge(Dns01Challenge.class).orElseThrow();
      challenge.trigger();
      assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
    }

    Certificate certificate = Issuance.finalizeOrder(order);
    Chains.verify(certificate.getCertificateChain(), acme.server().rootCertificate());
    assertThat(Sans.of(certificate.getCertificate()))
        .containsExactlyInAnyOrder("DNS:*.wild.test", "DNS:wild.test");
  }

  @Test
  void aWildcardAuthorizationOffersOnlyDns01() throws Exception {
    Order order = acme.newOrder("*.only-dns.test");
    Authorization authz = order.getAuthorizations().get(0);

    assertThat(authz.isWildcard()).isTrue();
    assertThat(authz.getIdentifier().getDomain()).isEqualTo("only-dns.test");
    assertThat(authz.getChallenges()).extracting(c -> c.getType()).containsExactly("dns-01");
  }
}
