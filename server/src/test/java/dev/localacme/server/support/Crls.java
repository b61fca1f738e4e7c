package dev.localacme.server.support;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** CRLs as a relying party sees them: fetched over plain HTTP, parsed and used by the JDK. */
public final class Crls {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Crls() {}

  /** The URLs of a certificate's CRL distribution points (RFC 5280 section 4.2.1.13). */
  public static List<String> distributionPoints(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue("2.5.29.31");
    if (extension == null) {
      return List.of();
    }
    CRLDistPoint points =
        CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
    return java.util.Arrays.stream(points.getDistributionPoints())
        .map(DistributionPoint::getDistributionPoint)
        .flatMap(
            name -> java.util.Arrays.stream(GeneralNames.getInstance(name.getName()).getNames()))
        .filter(n -> n.getTagNo() == GeneralName.uniformResourceIdentifier)
        .map(n -> n.getName().toString())
        .toList();
  }

  /** GETs a CRL; fails unless it comes as {@code application/pkix-crl}. */
  public static X509CRL fetch(String url) throws Exception {
    HttpResponse<byte[]> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200
        || !response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .equals("application/pkix-crl")) {
      throw new AssertionError("GET " + url + " answered " + response.statusCode());
    }
    return (X509CRL)
        CertificateFactory.getInstance("X.509")
            .generateCRL(new ByteArrayInputStream(response.body()));
  }

  /**
   * PKIX validation of {@code chain} (leaf first, no root) with revocation checking of the leaf
   * against {@code crl} only, as a strict TLS client would do it.
   */
  public static void validate(List<X509Certificate> chain, X509Certificate root, X509CRL crl)
      throws Exception {
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
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
    validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
  }
}
