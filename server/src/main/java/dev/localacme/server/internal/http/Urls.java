package dev.localacme.server.internal.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.regex.Pattern;

/**
 * The URLs of one request's responses. They derive from the scheme and Host the client used (as
 * Boulder and Pebble do), so a client that reached LocalAcme through a mapped port or an alias gets
 * URLs it can reach, and the JWS {@code url} check is a string comparison (RFC 8555 6.4).
 */
public final class Urls {
  private static final Pattern SAFE_HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]+");

  private final String base;

  public Urls(String base) {
    this.base = base;
  }

  public static Urls of(HttpServerExchange exchange) {
    String scheme = exchange.getRequestHeaders().getFirst("X-Forwarded-Proto");
    if (scheme == null || !(scheme.equals("https") || scheme.equals("http"))) {
      scheme = exchange.getRequestScheme();
    }
    String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
    if (host == null || !SAFE_HOST.matcher(host).matches()) {
      host = exchange.getHostAndPort();
    }
    return new Urls(scheme + "://" + host);
  }

  public String base() {
    return base;
  }

  /** The absolute URL of a route template with its parameters filled in order. */
  public String of(String template, String... params) {
    StringBuilder out = new StringBuilder(base);
    int param = 0;
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        out.append(template, i, template.length());
        break;
      }
      out.append(template, i, open);
      out.append(params[param++]);
      i = template.indexOf('}', open) + 1;
    }
    return out.toString();
  }

  /** The URL the client requested, for the JWS {@code url} comparison. */
  public String request(HttpServerExchange exchange) {
    String query = exchange.getQueryString();
    return base + exchange.getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
  }
}
