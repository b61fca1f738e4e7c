package dev.localacme.server.internal.ca;

import dev.localacme.server.internal.ca.CertificateAuthority.LeafRequest;
import dev.localacme.server.internal.ca.CertificateAuthority.Signer;
import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.state.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * Builds one X.509 certificate with Bouncy Castle's lightweight builder and signs it with the JDK's
 * own providers (no provider registration, which would cost start-up time).
 */
final class CertificateBuilder {
  private final X500Name subject;
  private final PublicKey key;
  private final BigInteger serial;
  private final Instant notBefore;
  private final Instant notAfter;
  private final List<Extension> extensions = new ArrayList<>();
  private final boolean ca;
  private int pathLength = -1;
  private List<String> nameConstraints = List.of();

  private CertificateBuilder(
      X500Name subject,
      PublicKey key,
      BigInteger serial,
      Instant notBefore,
      Instant notAfter,
      boolean ca) {
    this.subject = subject;
    this.key = key;
    this.serial = serial;
    this.notBefore = notBefore;
    this.notAfter = notAfter;
    this.ca = ca;
  }

  static CertificateBuilder ca(String subject, PublicKey key, Instant notBefore, Instant notAfter) {
    return new CertificateBuilder(
        new X500Name(subject), key, Ids.serial(), notBefore, notAfter, true);
  }

  static CertificateBuilder leaf(LeafRequest request, BigInteger serial) {
    List<GeneralName> names = new ArrayList<>();
    for (Identifier identifier : request.identifiers()) {
      names.add(
          identifier.isIp()
              ? new GeneralName(GeneralName.iPAddress, identifier.value())
              : new GeneralName(GeneralName.dNSName, identifier.normalized()));
    }
    X500Name subject = new X500Name(new org.bouncycastle.asn1.x500.RDN[0]);
    if (request.commonName() && !request.identifiers().isEmpty()) {
      String first = request.identifiers().get(0).normalized();
      if (first.length() <= 64) {
        subject = new X500Name("CN=" + first.replace(",", "\\,"));
      }
    }
    CertificateBuilder builder =
        new CertificateBuilder(
            subject, request.key(), serial, request.notBefore(), request.notAfter(), false);
    boolean emptySubject = subject.getRDNs().length == 0;
    // RFC 5280 section 4.2.1.6: with an empty subject the SAN extension is critical.
    builder.add(
        Extension.subjectAlternativeName,
        emptySubject,
        new GeneralNames(names.toArray(GeneralName[]::new)));
    int usage = KeyUsage.digitalSignature;
    if ("RSA".equals(request.key().getAlgorithm())) {
      usage |= KeyUsage.keyEncipherment;
    }
    builder.add(Extension.keyUsage, true, new KeyUsage(usage));
    builder.add(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    if (!request.crlUrls().isEmpty()) {
      DistributionPoint[] points =
          request.crlUrls().stream()
              .map(
                  url ->
                      new DistributionPoint(
                          new DistributionPointName(
                              new GeneralNames(
                                  new GeneralName(GeneralName.uniformResourceIdentifier, url))),
                          null,
                          null))
              .toArray(DistributionPoint[]::new);
      builder.add(Extension.cRLDistributionPoints, false, new CRLDistPoint(points));
    }
    return builder;
  }

  CertificateBuilder pathLength(int length) {
    this.pathLength = length;
    return this;
  }

  CertificateBuilder nameConstraints(List<String> permitted) {
    this.nameConstraints = List.copyOf(permitted);
    return this;
  }

  X509Certificate selfSign(PrivateKey privateKey) {
    return sign(subject, privateKey, subjectKeyId(key));
  }

  X509Certificate signWith(Signer issuer) {
    X500Name issuerName =
        X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
    return sign(issuerName, issuer.key(), keyIdOf(issuer.certificate()));
  }

  private X509Certificate sign(X500Name issuer, PrivateKey signingKey, byte[] authorityKeyId) {
    try {
      X509v3CertificateBuilder builder =
          new X509v3CertificateBuilder(
              issuer,
              serial,
              Date.from(notBefore),
              Date.from(notAfter),
              subject,
              SubjectPublicKeyInfo.getInstance(key.getEncoded()));
      if (ca) {
        builder.addExtension(
            Extension.basicConstraints,
            true,
            pathLength >= 0 ? new BasicConstraints(pathLength) : new BasicConstraints(true));
        builder.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        if (!nameConstraints.isEmpty()) {
          builder.addExtension(
              Extension.nameConstraints,
              true,
              NameConstraintsExtension.permitting(nameConstraints));
        }
      } else {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      }
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(subjectKeyId(key)));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
      for (Extension extension : extensions) {
        builder.addExtension(extension);
      }
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(ContentSigners.signer(signingKey)));
    } catch (CertIOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate: " + e.getMessage(), e);
    }
  }

  private void add(
      org.bouncycastle.asn1.ASN1ObjectIdentifier oid,
      boolean critical,
      org.bouncycastle.asn1.ASN1Encodable value) {
    try {
      extensions.add(new Extension(oid, critical, value.toASN1Primitive().getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] keyIdOf(X509Certificate certificate) {
    return KeyIdentifiers.subject(certificate);
  }

  private static byte[] subjectKeyId(PublicKey key) {
    return KeyIdentifiers.ofKey(key);
  }
}
