package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.Chains;
import dev.localacme.server.support.ChallengeResponder;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;

/** The whole RFC 8555 flow with acme4j and a real http-01 responder. */
class IssuanceIT {
  private static ChallengeResponder responder;
  private static AcmeServer server;

  @BeforeAll
  static void start() {
    responder = ChallengeResponder.start();
    server = AcmeServer.builder().http01Port(responder.port()).start();
  }

  @AfterAll
  static void stop() {
    server.close();
    responder.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"EC", "RSA"})
  void issuesCertificateForSeveralNamesOverHttp01(String accountKeyType) throws Exception {
    KeyPair accountKey = accountKeyType.equals("EC") ? Acme4j.ecKey() : Acme4j.rsaKey();
    Login login = Acme4j.newAccount(server, accountKey);
    List<String> names = List.of("app.test", "www.app.test", "api.example");

    Order order = login.getAccount().newOrder().domains(names).create();
    assertThat(order.getStatus()).isEqualTo(Status.PENDING);
    assertThat(order.getAuthorizations()).hasSize(3);
    for (Authorization authorization : order.getAuthorizations()) {
      Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow();
      responder.serve(challenge.getToken(), challenge.getAuthorization());
      challenge.trigger();
      assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
    }
    assertThat(order.waitUntilReady(Duration.ofSeconds(10))).isEqualTo(Status.READY);

    KeyPair certificateKey = Acme4j.ecKey();
    order.execute(certificateKey);
    assertThat(order.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
    Certificate certificate = order.getCertificate();
    List<X509Certificate> chain = certificate.getCertificateChain();
    X509Certificate leaf = chain.get(0);

    Chains.verify(chain, server.rootCertificate());
    assertThat(leaf.getSubjectAlternativeNames().stream().map(san -> (String) san.get(1)))
        .containsExactlyInAnyOrderElementsOf(names);
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(leaf.getPublicKey()).isEqualTo(certificateKey.getPublic());
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
        .isEqualTo(Duration.ofDays(90).minusSeconds(1));
    assertThat(responder.hosts())
        .contains("app.test:" + responder.port(), "api.example:" + responder.port());

    certificate.revoke(RevocationReason.KEY_COMPROMISE);
    assertThatThrownBy(certificate::revoke)
        .isInstanceOfSatisfying(
            AcmeServerException.class,
            e ->
                assertThat(e.getType().toString())
                    .isEqualTo("urn:ietf:params:acme:error:alreadyRevoked"));
  }

  @Test
  void certificateKeyCanRevokeWithoutTheAccount() throws Exception {
    Login login = Acme4j.newAccount(server, Acme4j.ecKey());
    Order order = login.getAccount().newOrder().domain("revoke-by-key.test").create();
    Http01Challenge challenge =
        order.getAuthorizations().get(0).findChallenge(Http01Challenge.class).orElseThrow();
    responder.serve(challenge.getToken(), challenge.getAuthorization());
    challenge.trigger();
    challenge.waitForCompletion(Duration.ofSeconds(10));
    KeyPair certificateKey = Acme4j.ecKey();
    order.execute(certificateKey);
    order.waitForCompletion(Duration.ofSeconds(10));
    X509Certificate leaf = order.getCertificate().getCertificate();

    Certificate.revoke(Acme4j.session(server), certificateKey, leaf, RevocationReason.SUPERSEDED);

    assertThatThrownBy(() -> Certificate.revoke(login, leaf, null))
        .isInstanceOfSatisfying(
            AcmeServerException.class,
            e ->
                assertThat(e.getType().toString())
                    .isEqualTo("urn:ietf:params:acme:error:alreadyRevoked"));
  }
}
