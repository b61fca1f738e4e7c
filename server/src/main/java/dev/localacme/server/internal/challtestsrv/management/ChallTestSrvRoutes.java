package dev.localacme.server.internal.challtestsrv.management;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localacme.server.internal.challtestsrv.ChallengeResponses;
import dev.localacme.server.internal.challtestsrv.DnsRecordStore;
import dev.localacme.server.internal.challtestsrv.RequestHistory;
import dev.localacme.server.internal.protocol.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The routing table of the challenge test server's management API, pebble-challtestsrv's routes and
 * rules: a JSON body is required, keys match case-insensitively, the method is not checked, success
 * is 200 with an empty body, a missing field 400. Routes exist only for the listeners that run; the
 * request-history routes always exist.
 */
public final class ChallTestSrvRoutes {
  private static final int MAX_BODY = 1 << 20;

  private ChallTestSrvRoutes() {}

  /** Which listeners run. */
  public record Enabled(boolean http, boolean dns, boolean tlsAlpn) {}

  /** The paths served with these listeners, for tests and the start-up log. */
  public static Set<String> paths(Enabled enabled) {
    return table(null, null, null, enabled).keySet();
  }

  public static HttpHandler handler(
      DnsRecordStore records,
      ChallengeResponses responses,
      RequestHistory history,
      Enabled enabled) {
    Map<String, Route> routes = table(records, responses, history, enabled);
    return new BlockingHandler(exchange -> dispatch(routes, exchange));
  }

  private static Map<String, Route> table(
      DnsRecordStore records,
      ChallengeResponses responses,
      RequestHistory history,
      Enabled enabled) {
    Map<String, Route> routes = new LinkedHashMap<>();
    if (enabled.http()) {
      routes.put("/add-http01", new AddHttp01(responses));
      routes.put("/del-http01", new DelHttp01(responses));
      routes.put("/add-redirect", new AddRedirect(responses));
      routes.put("/del-redirect", new DelRedirect(responses));
    }
    if (enabled.dns()) {
      routes.put("/set-default-ipv4", new SetDefaultIpv4(records));
      routes.put("/set-default-ipv6", new SetDefaultIpv6(records));
      routes.put("/set-txt", new SetTxt(records));
      routes.put("/clear-txt", new ClearTxt(records));
      routes.put("/add-a", new AddA(records));
      routes.put("/clear-a", new ClearA(records));
      routes.put("/add-aaaa", new AddAaaa(records));
      routes.put("/clear-aaaa", new ClearAaaa(records));
      routes.put("/add-caa", new AddCaa(records));
      routes.put("/clear-caa", new ClearCaa(records));
      routes.put("/set-cname", new SetCname(records));
      routes.put("/clear-cname", new ClearCname(records));
      routes.put("/set-servfail", new SetServfail(records));
      routes.put("/clear-servfail", new ClearServfail(records));
    }
    if (enabled.tlsAlpn()) {
      routes.put("/add-tlsalpn01", new AddTlsAlpn01(responses));
      routes.put("/del-tlsalpn01", new DelTlsAlpn01(responses));
    }
    routes.put("/clear-request-history", new ClearRequestHistory(history));
    routes.put("/http-request-history", new HttpRequestHistory(history));
    routes.put("/dns-request-history", new DnsRequestHistory(history));
    routes.put("/tlsalpn01-request-history", new TlsAlpn01RequestHistory(history));
    return routes;
  }

  private static void dispatch(Map<String, Route> routes, HttpServerExchange exchange)
      throws IOException {
    Route route = routes.get(exchange.getRequestPath());
    if (route == null) {
      send(exchange, Reply.error(404, "404 page not found"));
      return;
    }
    send(exchange, handle(route, exchange));
  }

  private static Reply handle(Route route, HttpServerExchange exchange) throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getInputStream()) {
      bytes = in.readNBytes(MAX_BODY);
    }
    if (bytes.length == 0) {
      return Reply.badRequest("Expected JSON POST body, was empty");
    }
    try {
      JsonNode node = Json.mapper().readTree(bytes);
      return route.handle(new Body(node));
    } catch (IOException e) {
      return Reply.badRequest("the body is not valid JSON: " + firstLine(e.getMessage()));
    } catch (Body.BadRequest | IllegalArgumentException e) {
      return Reply.badRequest(e.getMessage());
    }
  }

  private static void send(HttpServerExchange exchange, Reply reply) throws IOException {
    exchange.setStatusCode(reply.status());
    if (reply.contentType() != null) {
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, reply.contentType());
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, reply.body().length);
    exchange.getOutputStream().write(reply.body());
    exchange.endExchange();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}
