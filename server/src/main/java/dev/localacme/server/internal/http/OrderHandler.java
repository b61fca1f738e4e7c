package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Orders;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.internal.state.Order;

/** The order resource (RFC 8555 section 7.1.3), fetched with POST-as-GET. */
final class OrderHandler implements JwsHandler.Operation {
  private final Orders orders;

  OrderHandler(Orders orders) {
    this.orders = orders;
  }

  @Override
  public Response handle(AcmeRequest request) {
    request.requirePostAsGet();
    Order order = orders.owned(request.account(), request.param("id"));
    return render(orders, order, request.urls());
  }

  /** An order with its Location, and Retry-After while it is processing (section 7.4). */
  static Response render(Orders orders, Order order, Urls urls) {
    Status status = orders.status(order);
    Response response =
        Response.ok(Views.order(order, status, orders.error(order, status), urls))
            .withLocation(urls.of(AcmeRoutes.ORDER, order.id()));
    return status == Status.PROCESSING ? response.withRetryAfter(Response.POLL_SECONDS) : response;
  }
}
