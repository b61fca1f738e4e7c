package dev.localacme.server.internal.http;

import dev.localacme.server.internal.protocol.DirectoryJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.function.Supplier;

/** The directory (RFC 8555 section 7.1.1), with URLs for the host the client used. */
final class DirectoryHandler implements HttpHandler {
  private final Supplier<DirectoryJson.Meta> meta;

  DirectoryHandler(Supplier<DirectoryJson.Meta> meta) {
    this.meta = meta;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Urls urls = Urls.of(exchange);
    DirectoryJson directory =
        new DirectoryJson(
            urls.of(AcmeRoutes.NEW_NONCE),
            urls.of(AcmeRoutes.NEW_ACCOUNT),
            urls.of(AcmeRoutes.NEW_ORDER),
            urls.of(AcmeRoutes.NEW_AUTHZ),
            urls.of(AcmeRoutes.REVOKE_CERT),
            urls.of(AcmeRoutes.KEY_CHANGE),
            urls.of(AcmeRoutes.RENEWAL_INFO),
            meta.get());
    Responses.send(exchange, Response.ok(directory));
  }
}
