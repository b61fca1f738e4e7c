package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.Chains;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.Issuance;
import dev.localacme.server.support.Sans;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;

/** dns-01 end to end with acme4j, the test standing in for a DNS provider through dns(). */
class Dns01IT {
  @RegisterExtension static final InProcessAcme acme = InProcessAcme.create().resetBeforeEach();

  @Test
  void issuesCertificateWhenTheTxtRecordHoldsTheDigest() throws Exception {
    Order order = acme.newOrder("dns.test");
    Authorization authz = order.getAuthorizations().get(0);
    assertThat(authz.getChallenges().stream().map(c -> c.getType()))
        .containsExactlyInAnyOrder(
            Http01Challenge.TYPE, Dns01Challenge.TYPE, TlsAlpn01Challenge.TYPE);
    Dns01Challenge challenge = authz.findChallenge(Dns01Challenge.class).orElseThrow();
    acme.server()
        .dns()
        .txt(challenge.getRRName(authz.getIdentifier()), "an unrelated value")
        .txt(challenge.getRRName(authz.getIdentifier()), challenge.getDigest());

    challenge.trigger();

    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
    List<X509Certificate> chain = Issuance.finalizeOrder(order).getCertificateChain();
    Chains.verify(chain, acme.server().rootCertificate());
    assertThat(Sans.of(chain.get(0))).containsExactly("DNS:dns.test");
  }

  @Test
  void failureNamesTheRecordsFound() throws Exception {
    Order order = acme.newOrder("wrong-txt.test");
    Authorization authz = order.getAuthorizations().get(0);
    Dns01Challenge challenge = authz.findChallenge(Dns01Challenge.class).orElseThrow();
    acme.server().dns().txt("_acme-challenge.wrong-txt.test", "not-the-digest");

    challenge.trigger();

    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.INVALID);
    assertThat(challenge.getError().orElseThrow().getType().toString())
        .isEqualTo("urn:ietf:params:acme:error:incorrectResponse");
    assertThat(challenge.getError().orElseThrow().getDetail().orElseThrow())
        .contains("_acme-challenge.wrong-txt.test", "\"not-the-digest\"", challenge.getDigest());
    assertThat(acme.server().validationAttempts())
        .last()
        .satisfies(a -> assertThat(a.seen()).contains("not-the-digest"));
  }

  @Test
  void failsWithUnauthorizedWhenThereIsNoRecord() throws Exception {
    Order order = acme.newOrder("no-txt.test");
    Dns01Challenge challenge =
        order.getAuthorizations().get(0).findChallenge(Dns01Challenge.class).orElseThrow();

    challenge.trigger();

    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.INVALID);
    assertThat(challenge.getError().orElseThrow().getType().toString())
        .isEqualTo("urn:ietf:params:acme:error:unauthorized");
    assertThat(challenge.getError().orElseThrow().getDetail().orElseThrow())
        .contains("no TXT record found at _acme-challenge.no-txt.test", challenge.getDigest());
  }

  @Test
  void followsCnameToTheDelegatedRecord() throws Exception {
    Order order = acme.newOrder("delegated.test");
    Dns01Challenge challenge =
        order.getAuthorizations().get(0).findChallenge(Dns01Challenge.class).orElseThrow();
    acme.server()
        .dns()
        .cname("_acme-challenge.delegated.test", "delegated.acme-dns.test.")
        .txt("DELEGATED.acme-dns.test", challenge.getDigest());

    challenge.trigger();

    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
  }

  @Test
  void servfailIsADnsProblem() throws Exception {
    Order order = acme.newOrder("servfail.test");
    Dns01Challenge challenge =
        order.getAuthorizations().get(0).findChallenge(Dns01Challenge.class).orElseThrow();
    acme.server().dns().txt("_acme-challenge.servfail.test", challenge.getDigest());
    acme.server().dns().servfail("_acme-challenge.servfail.test");

    challenge.trigger();

    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.INVALID);
    assertThat(challenge.getError().orElseThrow().getType().toString())
        .isEqualTo("urn:ietf:params:acme:error:dns");
    assertThat(challenge.getError().orElseThrow().getDetail().orElseThrow())
        .contains("SERVFAIL", "_acme-challenge.servfail.test");
  }
}
