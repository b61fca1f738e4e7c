package dev.localacme.server.support;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * CRLs as a relying party finds and fetches them: over plain HTTP, parsed by the JDK ({@link
 * Chains#verify(List, X509Certificate, X509CRL)} checks a chain against one).
 */
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
}
