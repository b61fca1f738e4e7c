package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.support.Certbot;
import dev.localacme.server.support.Chains;
import dev.localacme.server.support.Crls;
import dev.localacme.server.support.ExternalTool;
import dev.localacme.server.support.Ports;
import dev.localacme.server.support.StandaloneJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
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
    Certbot.assumeInstalled();
  }

  @Test
  void preferredChainPicksTheAlternateRootAndRevocationReachesTheCrl() throws Exception {
    int http01 = Ports.free();
    try (StandaloneJar server =
        StandaloneJar.startEphemeral(
            "--http01-port", Integer.toString(http01), "--alternate-roots", "1")) {
      X509Certificate alternateRoot = server.root(1);
      Path trust = tmp.resolve("roots.pem");
      Files.writeString(trust, Pem.certificate(server.root(0)) + Pem.certificate(alternateRoot));
      Certbot certbot = new Certbot(tmp.resolve("certbot"), server.directory(), trust);

      ExternalTool.Result obtained =
          certbot.runStandalone(
              http01,
              "certonly",
              "-d",
              "chain.test",
              "--preferred-chain",
              commonName(alternateRoot));

      assertThat(obtained.exitCode()).as(obtained.output()).isZero();
      List<X509Certificate> chain = certbot.chain("chain.test");
      X509Certificate top = chain.get(chain.size() - 1);
      assertThat(top.getIssuerX500Principal()).isEqualTo(alternateRoot.getSubjectX500Principal());
      Chains.verify(chain, alternateRoot);

      X509Certificate leaf = chain.get(0);
      ExternalTool.Result revoked =
          certbot.runStandalone(
              http01,
              "revoke",
              "--cert-path",
              certbot.live("chain.test", "cert.pem").toString(),
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

  private static String commonName(X509Certificate certificate) throws Exception {
    for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
      if (rdn.getType().equalsIgnoreCase("CN")) {
        return rdn.getValue().toString();
      }
    }
    throw new AssertionError("no CN in " + certificate.getSubjectX500Principal());
  }
}
