package dev.localacme.server.internal.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.AcmeServerConfig;
import dev.localacme.server.KeyAlgorithm;
import dev.localacme.server.internal.ca.CertificateAuthority.LeafRequest;
import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.state.Ids;
import dev.localacme.server.support.ExternalTool;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The name constraints are in the CA certificates themselves: a certificate for a public name, even
 * one signed with the CA's own keys (bypassing every check the ACME server makes), fails the JDK's
 * PKIX validation, a real TLS handshake of a client that trusts the root, and OpenSSL's validation
 * (what curl, certbot and Node use) even when the root signs it directly.
 */
class ConstrainedRootTest {
  private static CertificateAuthority ca;

  @BeforeAll
  static void createConstrainedCa() {
    ca =
        CertificateAuthority.generate(
            new CertificateAuthority.Settings(
                KeyAlgorithm.EC_P256,
                0,
                1,
                Duration.ofDays(365),
                AcmeServerConfig.DEVELOPMENT_NAMES),
            Clock.systemUTC());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "app.localhost",
        "app.test",
        "*.app.test",
        "db.internal",
        "www.example",
        "printer.local",
        "127.0.0.1",
        "127.8.9.10",
        "::1"
      })
  void developmentNamesValidate(String name) {
    assertThatCode(() -> validate(leaf(name))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "www.google.com",
        "example.com",
        "test.com",
        "localhost.evil.com",
        "*.github.com",
        "10.0.0.1",
        "8.8.8.8",
        "2001:db8::1"
      })
  void publicNameSignedWithTheCaKeyFailsPkixValidation(String name) {
    assertThatThrownBy(() -> validate(leaf(name)))
        .isInstanceOf(CertPathValidatorException.class)
        .hasMessageContaining("name constraints");
  }

  @Test
  void tlsClientTrustingTheRootRejectsAServerWithAPublicName() throws Exception {
    assertThatThrownBy(() -> handshake("www.google.com")).isInstanceOf(SSLHandshakeException.class);
    assertThatCode(() -> handshake("app.test")).doesNotThrowAnyException();
  }

  @Test
  void openSslRejectsAPublicNameSignedDirectlyWithTheRootKey(@TempDir Path dir) throws Exception {
    ExternalTool.assumeInstalled("openssl", "openssl");
    X509Certificate byRoot = signedByRoot("www.google.com");
    Files.writeString(dir.resolve("root.pem"), Pem.certificate(ca.root()));
    Files.writeString(dir.resolve("leaf.pem"), Pem.certificate(byRoot));
    Files.writeString(dir.resolve("good.pem"), Pem.certificate(signedByRoot("app.test")));

    Result refused = openssl(dir, "verify", "-CAfile", "root.pem", "leaf.pem");
    Result accepted = openssl(dir, "verify", "-CAfile", "root.pem", "good.pem");

    assertThat(refused.exitCode()).as(refused.output()).isNotZero();
    assertThat(refused.output()).contains("permitted subtree violation");
    assertThat(accepted.exitCode()).as(accepted.output()).isZero();
  }

  /**
   * Why the intermediates carry the constraints too: the JDK ignores the extensions of a trust
   * anchor. If a JDK ever starts honouring them, this test fails and the README's safety notes need
   * an update.
   */
  @Test
  void jdkIgnoresTheConstraintsOfTheTrustAnchorItself() throws Exception {
    List<X509Certificate> chain = List.of(signedByRoot("www.google.com"));

    assertThatCode(() -> validate(chain)).doesNotThrowAnyException();
  }

  @Test
  void constraintsReadBackFromTheRoot() {
    PermittedNames permitted = PermittedNames.of(ca.root()).orElseThrow();

    assertThat(permitted.domains())
        .containsExactly("localhost", "test", "internal", "example", "local");
    assertThat(permitted.ranges()).containsExactly("127.0.0.0/8", "::1/128");
    assertThat(PermittedNames.of(ca.issuer())).contains(permitted);
  }

  private static List<X509Certificate> leaf(String name) {
    KeyPair key = Keys.generate(KeyAlgorithm.EC_P256);
    Identifier identifier = name.matches("[0-9.:]+") ? Identifier.ip(name) : Identifier.dns(name);
    Instant now = Instant.now();
    X509Certificate leaf =
        ca.issue(
            new LeafRequest(
                key.getPublic(),
                List.of(identifier),
                now.minusSeconds(60),
                now.plusSeconds(3600),
                false,
                List.of()),
            Ids.serial());
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    chain.addAll(ca.chains().get(0).certificates());
    return chain;
  }

  private static X509Certificate signedByRoot(String name) {
    KeyPair key = Keys.generate(KeyAlgorithm.EC_P256);
    Instant now = Instant.now();
    return CertificateBuilder.leaf(
            new LeafRequest(
                key.getPublic(),
                List.of(Identifier.dns(name)),
                now.minusSeconds(60),
                now.plusSeconds(3600),
                false,
                List.of()),
            Ids.serial())
        .signWith(ca.chains().get(0).root());
  }

  private record Result(int exitCode, String output) {}

  private static Result openssl(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  private static void validate(List<X509Certificate> chain) throws Exception {
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.root(), null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
  }

  /**
   * A TLS server on loopback presenting a certificate for {@code name}, and a client trusting the
   * root.
   */
  private static void handshake(String name) throws Exception {
    KeyPair key = Keys.generate(KeyAlgorithm.EC_P256);
    Instant now = Instant.now();
    X509Certificate leaf =
        ca.issue(
            new LeafRequest(
                key.getPublic(),
                List.of(Identifier.dns(name)),
                now.minusSeconds(60),
                now.plusSeconds(3600),
                false,
                List.of()),
            Ids.serial());
    KeyStore identity = KeyStore.getInstance("PKCS12");
    identity.load(null, null);
    identity.setKeyEntry(
        "server", key.getPrivate(), "pw".toCharArray(), new X509Certificate[] {leaf, ca.issuer()});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(identity, "pw".toCharArray());
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(keys.getKeyManagers(), null, null);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("root", ca.root());
    TrustManagerFactory trusting = TrustManagerFactory.getInstance("PKIX");
    trusting.init(trust);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, trusting.getTrustManagers(), null);

    try (SSLServerSocket listener =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> served =
          CompletableFuture.runAsync(
              () -> {
                try (SSLSocket socket = (SSLSocket) listener.accept();
                    OutputStream out = socket.getOutputStream()) {
                  out.write('x');
                } catch (Exception e) {
                  // the client's rejection ends the handshake; nothing to do
                }
              });
      try (SSLSocket socket =
              (SSLSocket)
                  client
                      .getSocketFactory()
                      .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
          InputStream in = socket.getInputStream()) {
        socket.startHandshake();
        assertThat(in.read()).isEqualTo('x');
      } finally {
        served.join();
      }
    }
  }
}
