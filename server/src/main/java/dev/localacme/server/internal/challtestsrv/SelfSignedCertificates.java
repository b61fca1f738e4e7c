package dev.localacme.server.internal.challtestsrv;

import dev.localacme.server.internal.protocol.Identifiers;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The challenge test server's self-signed certificates (Bouncy Castle's builder, signed by the
 * JDK): tls-alpn-01 validation certificates (RFC 8737 section 3) and the HTTPS responder's own.
 */
final class SelfSignedCertificates {
  /** id-pe-acmeIdentifier (RFC 8737 section 6.1). */
  static final ASN1ObjectIdentifier ACME_IDENTIFIER =
      new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.31");

  private static final SecureRandom RANDOM = new SecureRandom();

  private SelfSignedCertificates() {}

  static KeyPair ecKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A validation certificate for {@code sni}: one SAN (an iPAddress for a reverse-DNS name, else a
   * dNSName) and the critical acmeIdentifier extension holding SHA-256 of the key authorization.
   */
  static X509Certificate acmeValidation(KeyPair key, String sni, String keyAuthorization) {
    Optional<InetAddress> ip = Identifiers.fromReverseDnsName(sni);
    GeneralName san =
        ip.map(a -> new GeneralName(GeneralName.iPAddress, new DEROctetString(a.getAddress())))
            .orElseGet(() -> new GeneralName(GeneralName.dNSName, sni));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(keyAuthorization.getBytes(StandardCharsets.UTF_8));
      // The JDK refuses certificates with an empty issuer, so the subject names the responder.
      X509v3CertificateBuilder builder = builder(key, new X500Name("CN=challtestsrv tls-alpn-01"));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
      builder.addExtension(ACME_IDENTIFIER, true, new DEROctetString(digest));
      return sign(builder, key);
    } catch (Exception e) {
      throw new IllegalStateException("cannot build a tls-alpn-01 certificate: " + e, e);
    }
  }

  /** A plain self-signed certificate with this common name. */
  static X509Certificate selfSigned(KeyPair key, String commonName) {
    try {
      return sign(builder(key, new X500Name("CN=" + commonName)), key);
    } catch (Exception e) {
      throw new IllegalStateException("cannot build a self-signed certificate: " + e, e);
    }
  }

  private static X509v3CertificateBuilder builder(KeyPair key, X500Name subject) {
    Instant now = Instant.now();
    return new X509v3CertificateBuilder(
        subject,
        new BigInteger(63, RANDOM),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(365))),
        subject,
        SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair key)
      throws Exception {
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }
}
