package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Certificates;
import dev.localacme.server.internal.jose.Base64Url;
import dev.localacme.server.internal.protocol.Requests;

/**
 * revokeCert (RFC 8555 section 7.6): signed by the ordering account ({@code kid}) or by the
 * certificate's key ({@code jwk}); 200 with an empty body.
 */
final class RevokeCertHandler implements JwsHandler.Operation {
  private final Certificates certificates;

  RevokeCertHandler(Certificates certificates) {
    this.certificates = certificates;
  }

  @Override
  public Response handle(AcmeRequest request) {
    Requests.RevokeCert payload = request.payload(Requests.RevokeCert.class);
    byte[] der = Base64Url.decode(payload.certificate(), "certificate");
    certificates.revoke(request.signer(), request.key(), der, payload.reason());
    return Response.empty(200);
  }
}
