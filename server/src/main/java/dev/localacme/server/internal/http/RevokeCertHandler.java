package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Revocations;
import dev.localacme.server.internal.jose.Base64Url;
import dev.localacme.server.internal.protocol.Requests;

/**
 * revokeCert (RFC 8555 section 7.6): signed by the ordering account or one authorized for all the
 * certificate's names ({@code kid}), or by the certificate's key ({@code jwk}); 200, no body.
 */
final class RevokeCertHandler implements JwsHandler.Operation {
  private final Revocations revocations;

  RevokeCertHandler(Revocations revocations) {
    this.revocations = revocations;
  }

  @Override
  public Response handle(AcmeRequest request) {
    Requests.RevokeCert payload = request.payload(Requests.RevokeCert.class);
    byte[] der = Base64Url.decode(payload.certificate(), "certificate");
    revocations.revoke(request.signer(), request.key(), der, payload.reason());
    return Response.empty(200);
  }
}
