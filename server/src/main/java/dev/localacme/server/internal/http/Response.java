package dev.localacme.server.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a handler answers: a status, a body (a JSON record, or bytes with their content type) and
 * extra headers. Immutable; the {@code with} methods return copies.
 */
public record Response(
    int status, Object body, String contentType, List<Map.Entry<String, String>> headers) {
  public static final String JSON = "application/json";
  public static final String PEM_CHAIN = "application/pem-certificate-chain";

  /**
   * Seconds a client should wait before polling a resource that is still processing. Two, not one:
   * clients add it to the whole-second Date header, so one second could already be past.
   */
  public static final long POLL_SECONDS = 2;

  public Response {
    headers = List.copyOf(headers);
  }

  public static Response json(int status, Object body) {
    return new Response(status, body, JSON, List.of());
  }

  public static Response ok(Object body) {
    return json(200, body);
  }

  public static Response bytes(int status, byte[] body, String contentType) {
    return new Response(status, body, contentType, List.of());
  }

  public static Response empty(int status) {
    return new Response(status, null, null, List.of());
  }

  public Response withHeader(String name, String value) {
    List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
    copy.add(Map.entry(name, value));
    return new Response(status, body, contentType, copy);
  }

  /** Adds {@code Link: <url>;rel="rel"} (one header field per link, RFC 8555 section 7.1). */
  public Response withLink(String url, String rel) {
    return withHeader("Link", "<" + url + ">;rel=\"" + rel + "\"");
  }

  public Response withLocation(String url) {
    return withHeader("Location", url);
  }

  public Response withRetryAfter(long seconds) {
    return withHeader("Retry-After", Long.toString(seconds));
  }
}
