package dev.localacme.server.internal.ca;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** Key identifiers (RFC 5280 sections 4.2.1.1 and 4.2.1.2) read from certificates. */
public final class KeyIdentifiers {
  private KeyIdentifiers() {}

  /** The subject key identifier: the SKI extension, or SHA-1 of the key as RFC 5280 suggests. */
  public static byte[] subject(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    if (extension != null) {
      return ASN1OctetString.getInstance(ASN1OctetString.getInstance(extension).getOctets())
          .getOctets();
    }
    return ofKey(certificate.getPublicKey());
  }

  /** The keyIdentifier of the authority key identifier extension, if the certificate has one. */
  public static Optional<byte[]> authority(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
    if (extension == null) {
      return Optional.empty();
    }
    AuthorityKeyIdentifier aki =
        AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets());
    return Optional.ofNullable(aki.getKeyIdentifierOctets());
  }

  static byte[] ofKey(PublicKey key) {
    try {
      return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key).getKeyIdentifier();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
