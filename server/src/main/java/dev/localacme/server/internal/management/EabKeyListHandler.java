package dev.localacme.server.internal.management;

import dev.localacme.server.internal.domain.ExternalAccountKeys;
import dev.localacme.server.internal.http.Response;
import dev.localacme.server.internal.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /eab-keys}: the key ids of external account binding, without their keys. */
final class EabKeyListHandler implements HttpHandler {
  private final ExternalAccountKeys keys;

  EabKeyListHandler(ExternalAccountKeys keys) {
    this.keys = keys;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Responses.send(
        exchange,
        Response.ok(
            keys.kids().stream().map(kid -> new ManagementJson.EabKey(kid, null)).toList()));
  }
}
