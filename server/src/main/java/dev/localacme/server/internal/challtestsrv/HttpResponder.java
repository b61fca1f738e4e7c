package dev.localacme.server.internal.challtestsrv;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.SSLSessionInfo;
import io.undertow.util.Headers;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

/**
 * The http-01 responder (plain HTTP, or HTTPS for the {@code -https01} listener): records each
 * request, redirects exact paths with 302 over plain HTTP only (so an HTTP-to-HTTPS redirect of a
 * token path cannot loop), and serves {@code /.well-known/acme-challenge/<token>} on any Host.
 * Unknown tokens get 404 (pebble-challtestsrv answers 200 with an empty body).
 */
final class HttpResponder implements HttpHandler {
  static final String WELL_KNOWN = "/.well-known/acme-challenge/";

  private final ChallengeResponses responses;
  private final RequestHistory history;
  private final boolean https;

  HttpResponder(ChallengeResponses responses, RequestHistory history, boolean https) {
    this.responses = responses;
    this.history = history;
    this.https = https;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String path = exchange.getRequestPath();
    String query = exchange.getQueryString();
    String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
    String userAgent = exchange.getRequestHeaders().getFirst(Headers.USER_AGENT);
    history.http(
        new RequestHistory.HttpEvent(
            exchange.getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query),
            host == null ? "" : host,
            https,
            https ? serverName(exchange) : "",
            userAgent == null ? "" : userAgent));
    exchange.setPersistent(false);
    Optional<String> redirect = https ? Optional.empty() : responses.redirect(path);
    if (redirect.isPresent()) {
      exchange.setStatusCode(302);
      exchange.getResponseHeaders().put(Headers.LOCATION, redirect.get());
      exchange.endExchange();
      return;
    }
    Optional<String> content =
        path.startsWith(WELL_KNOWN)
            ? responses.http01(path.substring(WELL_KNOWN.length()))
            : Optional.empty();
    if (content.isEmpty()) {
      exchange.setStatusCode(404);
      exchange.endExchange();
      return;
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
    exchange.getResponseSender().send(content.get());
  }

  private static String serverName(HttpServerExchange exchange) {
    SSLSessionInfo info = exchange.getConnection().getSslSessionInfo();
    if (info != null && info.getSSLSession() instanceof ExtendedSSLSession session) {
      for (SNIServerName name : session.getRequestedServerNames()) {
        if (name instanceof SNIHostName hostName) {
          return hostName.getAsciiName();
        }
      }
    }
    return "";
  }
}
