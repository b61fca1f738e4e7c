package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.Chains;
import dev.localacme.server.support.InProcessAcme;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shredzone.acme4j.Certificate;

/**
 * Alternate chains (RFC 8555 section 7.4.2): cross-signed roots and longer chains, each download
 * starting with the same leaf and validating to its own root.
 */
class AlternateChainsIT {
  @RegisterExtension
  static final InProcessAcme acme = InProcessAcme.with(b -> b.alternateRoots(2).chainLength(2));

  @Test
  void everyChainStartsWithTheSameLeafAndValidatesToItsOwnRoot() throws Exception {
    Certificate certificate = acme.issue("chains.test");
    List<X509Certificate> roots = trustedRoots();
    assertThat(roots).hasSize(3);

    List<List<X509Certificate>> chains = new ArrayList<>();
    chains.add(certificate.getCertificateChain());
    for (Certificate alternate : certificate.getAlternateCertificates()) {
      chains.add(alternate.getCertificateChain());
    }

    assertThat(certificate.getAlternates()).hasSize(2);
    Set<X509Certificate> rootsReached = new HashSet<>();
    for (List<X509Certificate> chain : chains) {
      assertThat(chain).hasSize(3).first().isEqualTo(certificate.getCertificate());
      X509Certificate root = rootOf(chain, roots);
      Chains.verify(chain, root);
      rootsReached.add(root);
    }
    assertThat(rootsReached).containsExactlyInAnyOrderElementsOf(roots);
    assertThat(rootOf(chains.get(0), roots)).isEqualTo(acme.server().rootCertificate());
  }

  @Test
  void eachAlternateLinksToTheOtherChains() throws Exception {
    Certificate certificate = acme.issue("links.test");

    for (Certificate alternate : certificate.getAlternateCertificates()) {
      assertThat(alternate.getAlternates())
          .hasSize(2)
          .contains(certificate.getLocation())
          .doesNotContain(alternate.getLocation());
    }
  }

  private static List<X509Certificate> trustedRoots() throws Exception {
    List<X509Certificate> roots = new ArrayList<>();
    var store = acme.server().trustStore();
    for (String alias : java.util.Collections.list(store.aliases())) {
      roots.add((X509Certificate) store.getCertificate(alias));
    }
    return roots;
  }

  private static X509Certificate rootOf(List<X509Certificate> chain, List<X509Certificate> roots) {
    X509Certificate top = chain.get(chain.size() - 1);
    return roots.stream()
        .filter(r -> r.getSubjectX500Principal().equals(top.getIssuerX500Principal()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no root issued " + top.getSubjectX500Principal()));
  }
}
