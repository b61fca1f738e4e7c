package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.Chains;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.Issuance;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.Ports;
import dev.localacme.server.support.Sans;
import dev.localacme.server.support.TlsAlpnResponder;
import java.security.KeyPair;
import java.time.Duration;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;

/** tls-alpn-01 end to end: acme4j, and a real TLS server presenting the validation certificate. */
class TlsAlpn01IT {
  @RegisterExtension static final InProcessAcme acme = InProcessAcme.create().resetBeforeEach();
  private static TlsAlpnResponder responder;
  private final KeyPair key = KeyPairs.ec();

  @BeforeAll
  static void start() {
    responder = TlsAlpnResponder.start();
  }

  @AfterAll
  static void stop() {
    responder.close();
  }

  @BeforeEach
  void pointTlsAlpn01AtTheResponder() {
    acme.server().tlsAlpn01Port(responder.port());
    responder.selectAlpn(true);
  }

  @Test
  void issuesCertificateWhenTheResponderPresentsTheValidationCertificate() throws Exception {
    Order order = acme.newOrder("alpn.test");
    TlsAlpn01Challenge challenge = challenge(order);
    responder.serve(
        "alpn.test",
        key,
        TlsAlpnResponder.validationCertificate(
            key,
            new GeneralName(GeneralName.dNSName, "alpn.test"),
            challenge.getAuthorization(),
            true));

    challenge.trigger();

    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
    assertThat(responder.hellos())
        .contains(new TlsAlpnResponder.Hello("alpn.test", java.util.List.of("acme-tls/1")));
    Certificate certificate = Issuance.finalizeOrder(order);
    Chains.verify(certificate.getCertificateChain(), acme.server().rootCertificate());
    assertThat(Sans.of(certificate.getCertificate())).containsExactly("DNS:alpn.test");
  }

  @Test
  void refusesAServerThatNegotiatesNoAlpnProtocol() throws Exception {
    Order order = acme.newOrder("no-alpn.test");
    TlsAlpn01Challenge challenge = challenge(order);
    responder.serve("no-alpn.test", key, certificate("no-alpn.test", challenge, true));
    responder.selectAlpn(false);

    Problem problem = fail(challenge);

    assertThat(problem.getType().toString())
        .isEqualTo("urn:ietf:params:acme:error:incorrectResponse");
    assertThat(problem.getDetail().orElseThrow())
        .contains("negotiated ALPN \"\" instead of acme-tls/1", "SNI no-alpn.test");
  }

  @Test
  void refusesACertificateWithMoreThanOneSan() throws Exception {
    Order order = acme.newOrder("two-sans.test");
    TlsAlpn01Challenge challenge = challenge(order);
    GeneralNames sans =
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "two-sans.test"),
              new GeneralName(GeneralName.dNSName, "other.test")
            });
    responder.serve(
        "two-sans.test",
        key,
        TlsAlpnResponder.certificate(
            key, sans, TlsAlpnResponder.sha256(challenge.getAuthorization()), true));

    Problem problem = fail(challenge);

    assertThat(problem.getDetail().orElseThrow())
        .contains("[DNS:two-sans.test, DNS:other.test]", "exactly one, DNS:two-sans.test");
  }

  @Test
  void refusesAnAcmeIdentifierThatIsNotCritical() throws Exception {
    Order order = acme.newOrder("not-critical.test");
    TlsAlpn01Challenge challenge = challenge(order);
    responder.serve("not-critical.test", key, certificate("not-critical.test", challenge, false));

    Problem problem = fail(challenge);

    assertThat(problem.getDetail().orElseThrow()).contains("not marked critical");
  }

  @Test
  void refusesADigestOfAnotherKeyAuthorization() throws Exception {
    Order order = acme.newOrder("wrong-digest.test");
    TlsAlpn01Challenge challenge = challenge(order);
    responder.serve(
        "wrong-digest.test",
        key,
        TlsAlpnResponder.validationCertificate(
            key, new GeneralName(GeneralName.dNSName, "wrong-digest.test"), "token.other", true));

    Problem problem = fail(challenge);

    assertThat(problem.getType().toString())
        .isEqualTo("urn:ietf:params:acme:error:incorrectResponse");
    assertThat(problem.getDetail().orElseThrow())
        .contains(
            "acmeIdentifier is",
            "but SHA-256 of the key authorization is",
            java.util.HexFormat.of()
                .formatHex(TlsAlpnResponder.sha256(challenge.getAuthorization())));
  }

  @Test
  void reportsAConnectionProblemWhenNothingListens() throws Exception {
    int closedPort = Ports.free();
    acme.server().route("refused.test", new ValidationTarget("127.0.0.1", 0, closedPort));
    TlsAlpn01Challenge challenge = challenge(acme.newOrder("refused.test"));

    Problem problem = fail(challenge);

    assertThat(problem.getType().toString()).isEqualTo("urn:ietf:params:acme:error:connection");
    assertThat(problem.getDetail().orElseThrow())
        .contains("refused.test:" + closedPort + " (127.0.0.1", "connection refused");
  }

  private static TlsAlpn01Challenge challenge(Order order) {
    return order.getAuthorizations().get(0).findChallenge(TlsAlpn01Challenge.class).orElseThrow();
  }

  private java.security.cert.X509Certificate certificate(
      String name, TlsAlpn01Challenge challenge, boolean critical) throws Exception {
    return TlsAlpnResponder.validationCertificate(
        key, new GeneralName(GeneralName.dNSName, name), challenge.getAuthorization(), critical);
  }

  private static Problem fail(TlsAlpn01Challenge challenge) throws Exception {
    challenge.trigger();
    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.INVALID);
    return challenge.getError().orElseThrow();
  }
}
