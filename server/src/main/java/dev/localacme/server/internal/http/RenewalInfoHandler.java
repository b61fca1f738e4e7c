package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Renewals;
import dev.localacme.server.internal.protocol.CertId;
import dev.localacme.server.internal.protocol.RenewalInfoJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;

/**
 * renewalInfo (RFC 9773 section 4): an unauthenticated GET of {@code <renewalInfo>/<certID>}
 * answering the suggested window, always with {@code Retry-After}, the same for every requester.
 */
final class RenewalInfoHandler implements HttpHandler {
  private final Renewals renewals;

  RenewalInfoHandler(Renewals renewals) {
    this.renewals = renewals;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String certId = exchange.getAttachment(Router.PARAMS).get("certId");
    Renewals.Answer answer = renewals.answer(CertId.parse(certId, "the certificate identifier"));
    Response response =
        answer.verbatim() != null
            ? Response.bytes(200, answer.verbatim().getBytes(StandardCharsets.UTF_8), Response.JSON)
            : Response.ok(RenewalInfoJson.of(answer.window().start(), answer.window().end()));
    long seconds = Renewals.RETRY_AFTER.toSeconds();
    Responses.send(
        exchange,
        response.withRetryAfter(seconds).withHeader("Cache-Control", "public, max-age=" + seconds));
  }
}
