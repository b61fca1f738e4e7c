package dev.localacme.server.support;

import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** PKIX path validation with the JDK's validator, as a TLS client would do it. */
public final class Chains {
  private Chains() {}

  /** Throws if {@code chain} (leaf first, no root) does not validate to {@code root}. */
  public static void verify(List<X509Certificate> chain, X509Certificate root) throws Exception {
    PKIXParameters parameters = parameters(root);
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(path(chain), parameters);
  }

  /**
   * Throws if {@code chain} does not validate to {@code root} or its leaf is revoked: revocation is
   * checked against {@code crl} only, as a strict TLS client would check it.
   */
  public static void verify(List<X509Certificate> chain, X509Certificate root, X509CRL crl)
      throws Exception {
    PKIXParameters parameters = parameters(root);
    parameters.addCertStore(
        CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
    CertPathValidator validator = CertPathValidator.getInstance("PKIX");
    PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
    checker.setOptions(
        EnumSet.of(
            PKIXRevocationChecker.Option.ONLY_END_ENTITY,
            PKIXRevocationChecker.Option.PREFER_CRLS,
            PKIXRevocationChecker.Option.NO_FALLBACK));
    parameters.addCertPathChecker(checker);
    validator.validate(path(chain), parameters);
  }

  private static PKIXParameters parameters(X509Certificate root) throws Exception {
    return new PKIXParameters(Set.of(new TrustAnchor(root, null)));
  }

  private static CertPath path(List<X509Certificate> chain) throws Exception {
    return CertificateFactory.getInstance("X.509").generateCertPath(chain);
  }
}
