package dev.localacme.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.AcmeServer;
import dev.localacme.testkit.internal.TlsProbe;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link LocalAcme#servedChain}: LocalAcme's own API is a TLS endpoint with a certificate from its
 * root, so it stands in for a certified system under test.
 */
@ExtendWith(LocalAcme.class)
class ServedChainTest {
  @Test
  void returnsTheVerifiedChainLeafFirst(LocalAcme acme) {
    List<X509Certificate> chain = acme.servedChain("localhost", acme.server().port());

    assertThat(chain).hasSize(3);
    assertThat(chain.get(0).getIssuerX500Principal())
        .isEqualTo(chain.get(1).getSubjectX500Principal());
    assertThat(chain.get(2)).isEqualTo(acme.rootCertificate());
  }

  @Test
  void failsClearlyWhenTheCertificateIsForOtherNames(LocalAcme acme) {
    int port = acme.server().port();
    X509Certificate leaf = acme.servedChain("localhost", port).get(0);

    assertThatThrownBy(() -> acme.servedChain("app.test", port))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("app.test at 127.0.0.1:" + port)
        .hasMessageContaining("did not verify against LocalAcme's root")
        .hasMessageContaining("No subject alternative DNS name matching app.test found. Served")
        .hasMessageContaining("Served: CN=localhost for [localhost, 127.0.0.1, 0:0:0:0:0:0:0:1]")
        .hasMessageContaining("issued by " + leaf.getIssuerX500Principal().getName())
        .hasMessageContaining("serial " + leaf.getSerialNumber().toString(16));
  }

  @Test
  void failsClearlyWhenTheCertificateIsFromAnotherCa(LocalAcme acme) {
    try (AcmeServer other = AcmeServer.builder().start()) {
      X509Certificate otherLeaf =
          TlsProbe.servedChain(
                  other.trustStore(), "localhost", "127.0.0.1", other.port(), Duration.ofSeconds(5))
              .get(0);
      assertThatThrownBy(() -> acme.servedChain("localhost", other.port()))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("localhost at 127.0.0.1:" + other.port())
          .hasMessageContaining(acme.rootCertificate().getSubjectX500Principal().getName())
          .hasMessageContaining("issued by " + otherLeaf.getIssuerX500Principal().getName());
    }
  }

  @Test
  void failsClearlyWhenNothingListens(LocalAcme acme) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    int closed = port;

    assertThatThrownBy(() -> acme.servedChain("app.test", closed))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "cannot reach app.test at 127.0.0.1:" + closed + " for a TLS handshake");
  }
}
