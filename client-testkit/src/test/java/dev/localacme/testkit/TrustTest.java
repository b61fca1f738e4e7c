package dev.localacme.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.AcmeServer;
import dev.localacme.testkit.acme4j.LocalAcmeProvider;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shredzone.acme4j.Session;

/** Each way a system under test can come to trust LocalAcme, and that none of them is JVM-wide. */
@ExtendWith(LocalAcme.class)
class TrustTest {
  @Test
  void writesTheRootAsAPemFileForProcessesThatAreNotJava(LocalAcme acme) throws Exception {
    Path pem = acme.rootCertificatePem();

    assertThat(pem).hasFileName("localacme-root.pem");
    assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----\n");
    try (InputStream in = Files.newInputStream(pem)) {
      List<Certificate> roots =
          List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      assertThat(roots).containsExactly(acme.rootCertificate());
    }
    assertThat(acme.rootCertificatePem()).isEqualTo(pem);
  }

  @Test
  void sslContextTrustsTheServer(LocalAcme acme) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(acme.sslContext()).build();

    HttpResponse<String> directory =
        client.send(
            HttpRequest.newBuilder(acme.directoryUri()).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(directory.statusCode()).isEqualTo(200);
    assertThat(directory.body()).contains("\"newNonce\"");
  }

  @Test
  void acme4jReachesTheServerThroughItsUriWithoutJvmWideTrust(AcmeServer server, LocalAcme acme)
      throws Exception {
    SSLContext jvmDefault = SSLContext.getDefault();

    Session session = new Session(acme.acme4jUri());

    assertThat(session.getMetadata().getTermsOfService())
        .contains(URI.create(server.config().termsOfService()));
    assertThat(session.resourceUrl(org.shredzone.acme4j.connector.Resource.NEW_NONCE).toString())
        .startsWith("https://localhost:" + server.port() + "/");
    assertThat(SSLContext.getDefault()).isSameAs(jvmDefault);
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(acme.directoryUri()).build(),
                        HttpResponse.BodyHandlers.discarding()))
        .as("the JVM's own trust still does not know LocalAcme's root")
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void acme4jUriOfAPortWithoutServerFailsClearly() {
    Session session = new Session(URI.create("acme://localacme/localhost:1"));

    assertThatThrownBy(session::getMetadata)
        .hasMessageContaining("no LocalAcme server of the testkit listens on port 1 in this JVM");
  }

  @Test
  void sessionHelperWorksForAnyServer() throws Exception {
    try (AcmeServer standalone = AcmeServer.builder().termsOfService(null).start()) {
      Session session = LocalAcmeProvider.session(standalone);

      assertThat(session.getMetadata().getTermsOfService()).isEmpty();
      assertThat(session.resourceUrl(org.shredzone.acme4j.connector.Resource.NEW_ACCOUNT).getPort())
          .isEqualTo(standalone.port());
    }
  }
}
