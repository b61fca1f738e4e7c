package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Crls;
import dev.localacme.server.internal.protocol.AcmeProblem;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * GET of one issuer's CRL as DER ({@code application/pkix-crl}, RFC 2585 section 4.2), always the
 * current one: relying parties should not cache it past a revocation.
 */
final class CrlHandler implements HttpHandler {
  private final Crls crls;

  CrlHandler(Crls crls) {
    this.crls = crls;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String name = exchange.getAttachment(Router.PARAMS).get("name");
    if (!name.endsWith(CrlRoutes.SUFFIX)) {
      throw AcmeProblem.notFound("CRLs are at /crl/<issuer>" + CrlRoutes.SUFFIX);
    }
    String issuer = name.substring(0, name.length() - CrlRoutes.SUFFIX.length());
    Responses.send(
        exchange,
        Response.bytes(200, crls.crl(issuer), "application/pkix-crl")
            .withHeader("Cache-Control", "public, max-age=0, no-cache"));
  }
}
