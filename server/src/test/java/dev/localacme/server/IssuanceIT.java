package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.Chains;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.Issuance;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.Problems;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;

/** The whole RFC 8555 flow with acme4j and a real http-01 responder. */
class IssuanceIT {
  @RegisterExtension static final InProcessAcme acme = InProcessAcme.create();

  @ParameterizedTest
  @ValueSource(strings = {"EC", "RSA"})
  void issuesCertificateForSeveralNamesOverHttp01(String accountKeyType) throws Exception {
    KeyPair accountKey = accountKeyType.equals("EC") ? KeyPairs.ec() : KeyPairs.rsa();
    Login login = Acme4j.newAccount(acme.server(), accountKey);
    List<String> names = List.of("app.test", "www.app.test", "api.example");

    Order order = login.getAccount().newOrder().domains(names).create();
    assertThat(order.getStatus()).isEqualTo(Status.PENDING);
    assertThat(order.getAuthorizations()).hasSize(3);
    for (Authorization authorization : order.getAuthorizations()) {
      Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow();
      acme.responder().serve(challenge.getToken(), challenge.getAuthorization());
      challenge.trigger();
      assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
    }
    assertThat(order.waitUntilReady(Duration.ofSeconds(10))).isEqualTo(Status.READY);

    KeyPair certificateKey = KeyPairs.ec();
    order.execute(certificateKey);
    assertThat(order.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
    Certificate certificate = order.getCertificate();
    List<X509Certificate> chain = certificate.getCertificateChain();
    X509Certificate leaf = chain.get(0);

    Chains.verify(chain, acme.server().rootCertificate());
    assertThat(leaf.getSubjectAlternativeNames().stream().map(san -> (String) san.get(1)))
        .containsExactlyInAnyOrderElementsOf(names);
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(leaf.getPublicKey()).isEqualTo(certificateKey.getPublic());
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
        .isEqualTo(Duration.ofDays(90).minusSeconds(1));
    assertThat(acme.responder().hosts())
        .contains("app.test:" + acme.responder().port(), "api.example:" + acme.responder().port());

    certificate.revoke(RevocationReason.KEY_COMPROMISE);
    assertThatThrownBy(certificate::revoke)
        .satisfies(e -> assertThat(Problems.type(e)).isEqualTo("alreadyRevoked"));
  }

  @Test
  void certificateKeyCanRevokeWithoutTheAccount() throws Exception {
    Login login = acme.newAccount();
    Order order = login.getAccount().newOrder().domain("revoke-by-key.test").create();
    KeyPair certificateKey = KeyPairs.ec();
    X509Certificate leaf =
        Issuance.complete(order, acme.responder(), certificateKey).getCertificate();

    Certificate.revoke(
        Acme4j.session(acme.server()), certificateKey, leaf, RevocationReason.SUPERSEDED);

    assertThatThrownBy(() -> Certificate.revoke(login, leaf, null))
        .satisfies(e -> assertThat(Problems.type(e)).isEqualTo("alreadyRevoked"));
  }
}
