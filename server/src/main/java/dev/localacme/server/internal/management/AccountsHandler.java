package dev.localacme.server.internal.management;

import dev.localacme.server.internal.domain.Inspection;
import dev.localacme.server.internal.http.Response;
import dev.localacme.server.internal.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /accounts}: every account, oldest first. */
final class AccountsHandler implements HttpHandler {
  private final Inspection inspection;

  AccountsHandler(Inspection inspection) {
    this.inspection = inspection;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Responses.send(
        exchange,
        Response.ok(inspection.accounts().stream().map(ManagementJson.Account::of).toList()));
  }
}
