package dev.localacme.server.internal.ca;

import dev.localacme.server.internal.ca.CertificateAuthority.Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509v2CRLBuilder;

/**
 * Builds a v2 CRL (RFC 5280 section 5) with Bouncy Castle's builder, signed as certificates are:
 * CRL number, authority key identifier and a critical issuing distribution point for end-entity
 * certificates only, as Boulder's CRLs have.
 */
public final class CrlBuilder {
  private CrlBuilder() {}

  /** One revoked certificate; {@code reason} null or 0 (unspecified) leaves reasonCode out. */
  public record Entry(BigInteger serial, Instant revokedAt, Integer reason) {}

  /** What one CRL says. */
  public record Content(
      Instant thisUpdate, Instant nextUpdate, BigInteger number, String url, List<Entry> entries) {
    public Content {
      entries = List.copyOf(entries);
    }
  }

  /** The CRL as DER, signed by {@code issuer}. */
  public static byte[] build(Signer issuer, Content content) {
    try {
      X500Name issuerName =
          X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
      X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerName, Date.from(content.thisUpdate()));
      builder.setNextUpdate(Date.from(content.nextUpdate()));
      for (Entry entry : content.entries()) {
        builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), reason(entry.reason()));
      }
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(content.number()));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new AuthorityKeyIdentifier(KeyIdentifiers.subject(issuer.certificate())));
      builder.addExtension(
          Extension.issuingDistributionPoint, true, distributionPoint(content.url()));
      return builder.build(ContentSigners.signer(issuer.key())).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // RFC 5280 section 5.2.5; the URL is the one the certificates' CRL distribution point names.
  private static IssuingDistributionPoint distributionPoint(String url) {
    DistributionPointName name =
        new DistributionPointName(
            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url)));
    return new IssuingDistributionPoint(name, true, false, null, false, false);
  }

  // CA/B Forum BR section 7.2.2: no reasonCode entry extension for unspecified (0).
  private static org.bouncycastle.asn1.x509.Extensions reason(Integer reason) throws IOException {
    if (reason == null || reason == CRLReason.unspecified) {
      return null;
    }
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(Extension.reasonCode, false, CRLReason.lookup(reason));
    return extensions.generate();
  }
}
