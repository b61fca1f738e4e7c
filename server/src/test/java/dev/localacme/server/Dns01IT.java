package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.Chains;
import dev.localacme.server.support.Sans;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;

/** dns-01 end to end with acme4j, the test standing in for a DNS provider through dns(). */
class Dns01IT {
  private static AcmeServer server;

  @BeforeAll
  static void start() {
    server = AcmeServer.builder().start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  @Test
  void issuesCertificateWhenTheTxtRecordHoldsTheDigest() throws Exception {
    Login login = Acme4j.newAccount(server, Acme4j.ecKey());
    Order order = login.getAccount().newOrder().domain("dns.test").create();
    Authorization authz = order.getAuthorizations().get(0);
    assertThat(authz.getChallenges().stream().map(c -> c.getType()))
        .containsExactlyInAnyOrder(
            Http01Challenge.TYPE, Dns01Challenge.TYPE, TlsAlpn01Challenge.TYPE);
    Dns01Challenge challenge = authz.findChallenge(Dns01Challenge.class).orElseThrow();
    server
        .dns()
        .txt(challenge.getRRName(authz.getIdentifier()), "an unrelated value")
        .txt(challenge.getRRName(authz.getIdentifier()), challenge.getDigest());

    challenge.trigger();

    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
    order.execute(Acme4j.ecKey());
    assertThat(order.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
    List<X509Certificate> chain = order.getCertificate().getCertificateChain();
    Chains.verify(chain, server.rootCertificate());
    assertThat(Sans.of(chain.get(0))).containsExactly("DNS:dns.test");
  }

  @Test
  void failureNamesTheRecordsFound() throws Exception {
    Login login = Acme4j.newAccount(server, Acme4j.ecKey());
    Order order = login.getAccount().newOrder().domain("wrong-txt.test").create();
    Authorization authz = order.getAuthorizations().get(0);
    Dns01Challenge challenge = authz.findChallenge(Dns01Challenge.class).orElseThrow();
    server.dns().txt("_acme-challenge.wrong-txt.test", "not-the-digest");

    challenge.trigger();

    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.INVALID);
    assertThat(challenge.getError().orElseThrow().getType().toString())
        .isEqualTo("urn:ietf:params:acme:error:incorrectResponse");
    assertThat(challenge.getError().orElseThrow().getDetail().orElseThrow())
        .contains("_acme-challenge.wrong-txt.test", "\"not-the-digest\"", challenge.getDigest());
    assertThat(server.validationAttempts())
        .last()
        .satisfies(a -> assertThat(a.seen()).contains("not-the-digest"));
  }

  @Test
  void failsWithUnauthorizedWhenThereIsNoRecord() throws Exception {
    Login login = Acme4j.newAccount(server, Acme4j.ecKey());
    Order order = login.getAccount().newOrder().domain("no-txt.test").create();
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
    Login login = Acme4j.newAccount(server, Acme4j.ecKey());
    Order order = login.getAccount().newOrder().domain("delegated.test").create();
    Dns01Challenge challenge =
        order.getAuthorizations().get(0).findChallenge(Dns01Challenge.class).orElseThrow();
    server
        .dns()
        .cname("_acme-challenge.delegated.test", "delegated.acme-dns.test.")
        .txt("DELEGATED.acme-dns.test", challenge.getDigest());

    challenge.trigger();

    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
  }

  @Test
  void servfailIsADnsProblem() throws Exception {
    Login login = Acme4j.newAccount(server, Acme4j.ecKey());
    Order order = login.getAccount().newOrder().domain("servfail.test").create();
    Dns01Challenge challenge =
        order.getAuthorizations().get(0).findChallenge(Dns01Challenge.class).orElseThrow();
    server.dns().txt("_acme-challenge.servfail.test", challenge.getDigest());
    server.dns().servfail("_acme-challenge.servfail.test");

    challenge.trigger();

    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.INVALID);
    assertThat(challenge.getError().orElseThrow().getType().toString())
        .isEqualTo("urn:ietf:params:acme:error:dns");
    assertThat(challenge.getError().orElseThrow().getDetail().orElseThrow())
        .contains("SERVFAIL", "_acme-challenge.servfail.test");
  }
}
