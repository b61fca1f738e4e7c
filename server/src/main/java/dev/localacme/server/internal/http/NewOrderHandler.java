package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Orders;
import dev.localacme.server.internal.protocol.Requests;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.internal.state.Order;

/** newOrder (RFC 8555 section 7.4): 201 with the order's URL in {@code Location}. */
final class NewOrderHandler implements JwsHandler.Operation {
  private final Orders orders;

  NewOrderHandler(Orders orders) {
    this.orders = orders;
  }

  @Override
  public Response handle(AcmeRequest request) {
    Order order = orders.create(request.account(), request.payload(Requests.NewOrder.class));
    Status status = orders.status(order);
    return Response.json(
            201, Views.order(order, status, orders.error(order, status), request.urls()))
        .withLocation(request.urls().of(AcmeRoutes.ORDER, order.id()));
  }
}
