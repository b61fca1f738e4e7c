package dev.localacme.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.IssuedCertificate;
import dev.localacme.server.ValidationAttempt;
import dev.localacme.testkit.LocalAcme;
import dev.localacme.testkit.LocalAcmeSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example: a web service certifies itself against LocalAcme inside its own test, and the test
 * asserts what it then serves.
 */
@ExtendWith(LocalAcme.class)
class CertificationIT {

  @Test
  void certifiesItselfForTwoNamesAndServesTheCertificate(LocalAcme acme) throws Exception {
    try (var sut = CertifyingWebServer.builder(acme.acme4jUri(), "localhost", "app.test").start()) {
      acme.http01Port(sut.httpPort());

      sut.certify();

      List<X509Certificate> served = acme.servedChain("app.test", sut.httpsPort());
      X509Certificate leaf = served.get(0);
      IssuedCertificate issued = acme.awaitCertificate("app.test", Duration.ofSeconds(5));
      assertThat(Certificates.dnsNames(leaf)).containsExactlyInAnyOrder("localhost", "app.test");
      assertThat(served).isEqualTo(issued.chain());
      assertThat(leaf.getIssuerX500Principal()).isEqualTo(served.get(1).getSubjectX500Principal());
      assertThat(leaf.getIssuerX500Principal().getName()).contains("CN=LocalAcme Intermediate CA");
      Certificates.verify(served, acme.rootCertificate());
      assertThat(leaf.getNotBefore().toInstant())
          .isBetween(Instant.now().minusSeconds(60), Instant.now());
      assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
          .isEqualTo(Duration.ofDays(90).minusSeconds(1));

      URI home = URI.create("https://localhost:" + sut.httpsPort() + "/");
      HttpClient trustingOnlyLocalAcme =
          HttpClient.newBuilder().sslContext(acme.sslContext()).build();
      HttpResponse<String> response =
          trustingOnlyLocalAcme.send(
              HttpRequest.newBuilder(home).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("Hello from localhost, over TLS");
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(home).build(),
                          HttpResponse.BodyHandlers.discarding()))
          .as("the JVM's own trust does not know LocalAcme's root")
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void redirectsHttpToHttps(LocalAcme acme) throws Exception {
    try (var sut = CertifyingWebServer.builder(acme.acme4jUri(), "localhost").start()) {
      acme.http01Port(sut.httpPort());
      sut.certify();
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(acme.sslContext())
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();

      HttpResponse<String> redirect =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + sut.httpPort() + "/orders?id=7"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(redirect.statusCode()).isEqualTo(301);
      URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
      assertThat(location)
          .isEqualTo(URI.create("https://localhost:" + sut.httpsPort() + "/orders?id=7"));
      assertThat(
              client
                  .send(
                      HttpRequest.newBuilder(location).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void keepsACertificateThatIsNotDueForRenewal(LocalAcme acme) {
    try (var sut = CertifyingWebServer.builder(acme.acme4jUri(), "app.test").start()) {
      acme.http01Port(sut.httpPort());
      X509Certificate first = sut.certify();

      assertThat(sut.renewIfDue()).isFalse();

      assertThat(acme.servedChain("app.test", sut.httpsPort()).get(0)).isEqualTo(first);
    }
  }

  @Test
  void failsWithAClearReasonWhenItDoesNotAnswerTheChallenge(LocalAcme acme) {
    try (var sut =
        CertifyingWebServer.builder(acme.acme4jUri(), "broken.test")
            .answerChallenges(false)
            .start()) {
      acme.http01Port(sut.httpPort());

      assertThatThrownBy(sut::certify).hasMessageContaining("http-01 for broken.test failed");

      ValidationAttempt attempt = acme.validationAttempts("broken.test").get(0);
      assertThat(attempt.valid()).isFalse();
      assertThat(attempt.challengeType()).isEqualTo("http-01");
      assertThat(attempt.problemType()).isEqualTo("urn:ietf:params:acme:error:incorrectResponse");
      assertThat(attempt.detail())
          .contains("http://broken.test:" + sut.httpPort() + "/.well-known/acme-challenge/")
          .contains("returned HTTP 404 instead of 200");
      assertThat(acme.issuedCertificates()).noneMatch(c -> c.identifiers().contains("broken.test"));
      assertThatThrownBy(() -> acme.awaitCertificate("broken.test", Duration.ofMillis(50)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("no certificate for broken.test was issued within 50 ms")
          .hasMessageContaining("order " + acme.orders().get(acme.orders().size() - 1).id())
          .hasMessageContaining(": invalid")
          .hasMessageContaining("http-01 failed: GET http://broken.test:");
    }
  }

  @Test
  void certifiesTwoServicesInOneTestThroughRoutes(LocalAcme acme) {
    try (var shop = CertifyingWebServer.builder(acme.acme4jUri(), "shop.test").start();
        var api = CertifyingWebServer.builder(acme.acme4jUri(), "api.shop.test").start()) {
      acme.route("shop.test", shop.httpPort()).route("api.shop.test", api.httpPort());

      shop.certify();
      api.certify();

      assertThat(acme.servedChain("shop.test", shop.httpsPort()).get(0))
          .isEqualTo(shop.certificate().orElseThrow());
      assertThat(acme.servedChain("api.shop.test", api.httpsPort()).get(0))
          .isEqualTo(api.certificate().orElseThrow());
      assertThat(acme.validationAttempts("api.shop.test").get(0).target())
          .endsWith("(127.0.0.1:" + api.httpPort() + ")");
    }
  }

  @Test
  void failsWithAClearReasonWhenLocalAcmeKnocksOnTheWrongPort(LocalAcme acme) throws Exception {
    try (var sut = CertifyingWebServer.builder(acme.acme4jUri(), "misrouted.test").start()) {
      int wrongPort = unusedPort();
      acme.http01Port(wrongPort);

      assertThatThrownBy(sut::certify).hasMessageContaining("http-01 for misrouted.test failed");

      assertThat(acme.validationAttempts("misrouted.test"))
          .singleElement()
          .satisfies(
              a -> assertThat(a.problemType()).isEqualTo("urn:ietf:params:acme:error:connection"))
          .satisfies(a -> assertThat(a.detail()).contains(":" + wrongPort, "connection refused"));
    }
  }

  /** A nested class with settings of its own gets a server of its own. */
  @Nested
  @LocalAcmeSettings(certificateValidity = "PT1M")
  class WithShortLivedCertificates {
    @Test
    void renewsAndServesTheNewCertificate(LocalAcme acme) {
      try (var sut = CertifyingWebServer.builder(acme.acme4jUri(), "app.test").start()) {
        acme.http01Port(sut.httpPort());
        X509Certificate first = sut.certify();

        assertThat(sut.renewIfDue())
            .as("a one-minute certificate is inside the 30-day window")
            .isTrue();

        X509Certificate served = acme.servedChain("app.test", sut.httpsPort()).get(0);
        assertThat(served.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        assertThat(served.getNotAfter()).isAfterOrEqualTo(first.getNotAfter());
        assertThat(acme.issuedCertificates())
            .extracting(IssuedCertificate::serial)
            .containsExactly(
                first.getSerialNumber().toString(16), served.getSerialNumber().toString(16));
      }
    }
  }

  private static int unusedPort() throws Exception {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Certificate checks the assertions above share. */
  static final class Certificates {
    private Certificates() {}

    static List<String> dnsNames(X509Certificate certificate) throws Exception {
      return certificate.getSubjectAlternativeNames().stream()
          .filter(name -> (Integer) name.get(0) == 2)
          .map(name -> (String) name.get(1))
          .toList();
    }

    /** PKIX validation of {@code chain} (leaf first, no root) against {@code root} alone. */
    static void verify(List<X509Certificate> chain, X509Certificate root) throws Exception {
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      parameters.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
    }
  }
}
