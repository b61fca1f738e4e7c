package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Certificates;
import dev.localacme.server.internal.domain.Orders;
import dev.localacme.server.internal.jose.Base64Url;
import dev.localacme.server.internal.protocol.Requests;
import dev.localacme.server.internal.state.Order;

/** Finalize (RFC 8555 section 7.4): 200 with the order, valid or processing. */
final class FinalizeHandler implements JwsHandler.Operation {
  private final Certificates certificates;
  private final Orders orders;

  FinalizeHandler(Certificates certificates, Orders orders) {
    this.certificates = certificates;
    this.orders = orders;
  }

  @Override
  public Response handle(AcmeRequest request) {
    Requests.Finalize payload = request.payload(Requests.Finalize.class);
    byte[] csr = Base64Url.decode(payload.csr(), "csr");
    String accountUrl = request.urls().of(AcmeRoutes.ACCOUNT, request.account().id());
    Order order =
        certificates.finalizeOrder(request.account(), request.param("id"), csr, accountUrl);
    return OrderHandler.render(orders, order, request.urls());
  }
}
