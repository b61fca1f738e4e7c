package dev.localacme.server.internal.http;

import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** Writes responses and problem documents. */
public final class Responses {
  public static final String PROBLEM_JSON = "application/problem+json";

  private Responses() {}

  public static void send(HttpServerExchange exchange, Response response) throws IOException {
    HeaderMap headers = exchange.getResponseHeaders();
    for (Map.Entry<String, String> header : response.headers()) {
      HttpString name = new HttpString(header.getKey());
      if (header.getKey().equals("Link")) {
        headers.add(name, header.getValue());
      } else {
        headers.put(name, header.getValue());
      }
    }
    byte[] body = null;
    if (response.body() instanceof byte[] raw) {
      body = raw;
    } else if (response.body() != null) {
      body = Json.write(response.body());
    }
    exchange.setStatusCode(response.status());
    if (body == null) {
      headers.put(Headers.CONTENT_LENGTH, 0);
      exchange.endExchange();
      return;
    }
    headers.put(Headers.CONTENT_TYPE, response.contentType());
    headers.put(Headers.CONTENT_LENGTH, body.length);
    try (OutputStream out = exchange.getOutputStream()) {
      out.write(body);
    }
  }

  /** Renders a problem as {@code application/problem+json} (RFC 8555 section 6.7). */
  public static void problem(HttpServerExchange exchange, AcmeProblem problem) throws IOException {
    HeaderMap headers = exchange.getResponseHeaders();
    headers.remove(Headers.LOCATION);
    for (Map.Entry<String, List<String>> header : problem.headers().entrySet()) {
      HttpString name = new HttpString(header.getKey());
      for (String value : header.getValue()) {
        headers.add(name, value);
      }
    }
    Response response =
        new Response(problem.status(), Json.write(problem.toJson()), PROBLEM_JSON, List.of());
    send(exchange, response);
  }
}
