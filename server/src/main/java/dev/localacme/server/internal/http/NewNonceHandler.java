package dev.localacme.server.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;

/**
 * newNonce (RFC 8555 section 7.2): HEAD answers 200, GET 204; the nonce itself is in the {@code
 * Replay-Nonce} header every response carries.
 */
final class NewNonceHandler implements HttpHandler {
  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    int status = exchange.getRequestMethod().equals(Methods.HEAD) ? 200 : 204;
    Responses.send(exchange, Response.empty(status));
  }
}
