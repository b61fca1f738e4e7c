package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.support.Chains;
import dev.localacme.server.support.Crls;
import dev.localacme.server.support.ExternalTool;
import dev.localacme.server.support.StandaloneJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * certbot (the Debian package) against the standalone jar: choosing an alternate chain with {@code
 * --preferred-chain}, and a revocation that the CRL then lists.
 */
class CertbotLifecycleIT {
  @TempDir Path tmp;

  @BeforeEach
  void certbotIsInstalled() {
    ExternalTool.assumeInstalled("certbot", "certbot");
  }

  @Test
  void preferredChainPicksTheAlternateRootAndRevocationReachesTheCrl() throws Exception {
    int http01 = StandaloneJar.freePort();
    try (StandaloneJar server =
        StandaloneJar.start(
            tmp, "--http01-port", Integer.toString(http01), "--alternate-roots", "1")) {
      X509Certificate alternateRoot = server.root(1);
      Path trust = tmp.resolve("roots.pem");
      Files.writeString(trust, Pem.certificate(server.root(0)) + Pem.certificate(alternateRoot));

      ExternalTool.Result obtained =
          certbot(
              server,
              trust,
              http01,
              "certonly",
              "-d",
              "chain.test",
              "--preferred-chain",
              commonName(alternateRoot));

      assertThat(obtained.exitCode()).as(obtained.output()).isZero();
      List<X509Certificate> chain = certificates(live("fullchain.pem"));
      X509Certificate top = chain.get(chain.size() - 1);
      assertThat(top.getIssuerX500Principal()).isEqualTo(alternateRoot.getSubjectX500Principal());
      Chains.verify(chain, alternateRoot);

      X509Certificate leaf = chain.get(0);
      ExternalTool.Result revoked =
          certbot(
              server,
              trust,
              http01,
              "revoke",
              "--cert-path",
              live("cert.pem").toString(),
              "--reason",
              "keycompromise",
              "--no-delete-after-revoke");

      assertThat(revoked.exitCode()).as(revoked.output()).isZero();
      X509CRL crl = Crls.fetch(Crls.distributionPoints(leaf).get(0));
      crl.verify(chain.get(1).getPublicKey());
      assertThat(crl.getRevokedCertificate(leaf).getRevocationReason())
          .isEqualTo(CRLReason.KEY_COMPROMISE);
    }
  }

  private ExternalTool.Result certbot(
      StandaloneJar server, Path trust, int http01, String... command) throws Exception {
    List<String> line = new ArrayList<>(List.of("certbot"));
    line.addAll(List.of(command));
    line.addAll(
        List.of(
            "--server",
            server.directory().toString(),
            "--standalone",
            "--http-01-port",
            Integer.toString(http01),
            "--http-01-address",
            "127.0.0.1",
            "--config-dir",
            tmp.resolve("certbot/config").toString(),
            "--work-dir",
            tmp.resolve("certbot/work").toString(),
            "--logs-dir",
            tmp.resolve("certbot/logs").toString(),
            "--agree-tos",
            "--register-unsafely-without-email",
            "--non-interactive"));
    return ExternalTool.run(
        Map.of("REQUESTS_CA_BUNDLE", trust.toString()), Duration.ofMinutes(2), line);
  }

  private Path live(String file) {
    return tmp.resolve("certbot/config/live/chain.test").resolve(file);
  }

  private static List<X509Certificate> certificates(Path pem) throws Exception {
    return Pem.parseCertificates(Files.readString(pem));
  }

  private static String commonName(X509Certificate certificate) throws Exception {
    for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
      if (rdn.getType().equalsIgnoreCase("CN")) {
        return rdn.getValue().toString();
      }
    }
    throw new AssertionError("no CN in " + certificate.getSubjectX500Principal());
  }
}
