package dev.localacme.server.internal.management;

import dev.localacme.server.internal.domain.Inspection;
import dev.localacme.server.internal.http.Response;
import dev.localacme.server.internal.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /orders}: every order, oldest first, with its status now. */
final class OrdersHandler implements HttpHandler {
  private final Inspection inspection;

  OrdersHandler(Inspection inspection) {
    this.inspection = inspection;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Responses.send(
        exchange, Response.ok(inspection.orders().stream().map(ManagementJson.Order::of).toList()));
  }
}
