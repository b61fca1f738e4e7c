package dev.localacme.server.internal.http;

import dev.localacme.server.internal.jose.NonceStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Headers every ACME response carries (RFC 8555 sections 6.1, 6.5, 7.1, 7.2): a fresh {@code
 * Replay-Nonce}, {@code Link rel="index"} (except on the directory), {@code Cache-Control:
 * no-store}, and CORS as Boulder sends it. Answers CORS preflight requests itself.
 */
public final class CommonHeaders implements HttpHandler {
  static final HttpString REPLAY_NONCE = new HttpString("Replay-Nonce");
  private static final HttpString LINK = new HttpString("Link");
  private static final HttpString DATE = new HttpString("Date");

  private final NonceStore nonces;
  private final HttpHandler next;

  public CommonHeaders(NonceStore nonces, HttpHandler next) {
    this.nonces = nonces;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    var headers = exchange.getResponseHeaders();
    headers.put(REPLAY_NONCE, nonces.issue());
    // The wall clock, not the CA's Clock: clients add a delta Retry-After to Date and compare the
    // result with their own wall clock (acme4j does), so Date must be exact and real. Undertow's
    // own Date is cached for up to a second.
    headers.put(
        DATE, DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
    headers.put(new HttpString("Cache-Control"), "no-store");
    headers.put(new HttpString("Access-Control-Allow-Origin"), "*");
    headers.put(
        new HttpString("Access-Control-Expose-Headers"),
        "Link, Replay-Nonce, Location, Retry-After");
    String path = exchange.getRelativePath();
    if (!AcmeRoutes.isDirectory(path)) {
      headers.add(LINK, "<" + Urls.of(exchange).of(AcmeRoutes.DIRECTORY) + ">;rel=\"index\"");
    }
    if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
      headers.put(new HttpString("Access-Control-Allow-Methods"), "GET, HEAD, POST");
      headers.put(new HttpString("Access-Control-Allow-Headers"), "Content-Type");
      headers.put(new HttpString("Access-Control-Max-Age"), "86400");
      exchange.setStatusCode(204);
      exchange.endExchange();
      return;
    }
    next.handleRequest(exchange);
  }
}
