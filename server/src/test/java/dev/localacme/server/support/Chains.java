package dev.localacme.server.support;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/** PKIX path validation with the JDK's validator, as a TLS client would do it. */
public final class Chains {
  private Chains() {}

  /** Throws if {@code chain} (leaf first, no root) does not validate to {@code root}. */
  public static void verify(List<X509Certificate> chain, X509Certificate root) throws Exception {
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
  }
}
