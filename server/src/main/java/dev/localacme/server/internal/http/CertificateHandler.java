package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Certificates;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.state.CertificateRecord;
import java.nio.charset.StandardCharsets;

/**
 * Certificate download (RFC 8555 section 7.4.2): the PEM chain, leaf first, without the root, with
 * {@code Link rel="alternate"} to every other chain; each alternate is itself downloadable.
 */
final class CertificateHandler implements JwsHandler.Operation {
  private final Certificates certificates;

  CertificateHandler(Certificates certificates) {
    this.certificates = certificates;
  }

  @Override
  public Response handle(AcmeRequest request) {
    request.requirePostAsGet();
    String serial = request.param("serial");
    int chain = chainIndex(request.param("chain"));
    CertificateRecord record = certificates.owned(request.account(), serial);
    byte[] pem = certificates.pemChain(record, chain).getBytes(StandardCharsets.US_ASCII);
    Response response = Response.bytes(200, pem, Response.PEM_CHAIN);
    for (int other = 0; other < certificates.chainCount(); other++) {
      if (other != chain) {
        String url =
            other == 0
                ? request.urls().of(AcmeRoutes.CERTIFICATE, serial)
                : request.urls().of(AcmeRoutes.CERTIFICATE_CHAIN, serial, Integer.toString(other));
        response = response.withLink(url, "alternate");
      }
    }
    return response;
  }

  private static int chainIndex(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw AcmeProblem.notFound("no chain \"" + value + "\"");
    }
  }
}
