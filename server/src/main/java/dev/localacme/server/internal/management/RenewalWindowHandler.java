package dev.localacme.server.internal.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localacme.server.internal.domain.Renewals;
import dev.localacme.server.internal.http.Response;
import dev.localacme.server.internal.http.Responses;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.RenewalInfoJson;
import dev.localacme.server.internal.protocol.Times;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code POST /certificates/<serial>/renewal-window}: sets the window renewalInfo suggests (RFC
 * 9773 section 4.2), {@code {"start": "<RFC 3339>", "end": "<RFC 3339>"}}, or {@code {"renewNow":
 * true}} for a window in the past. Answers the window set.
 */
final class RenewalWindowHandler implements HttpHandler {
  private final Renewals renewals;

  RenewalWindowHandler(Renewals renewals) {
    this.renewals = renewals;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String serial = Exchanges.param(exchange, "serial");
    Renewals.Window window = window(Exchanges.jsonBody(exchange));
    try {
      renewals.setWindow(serial, window);
    } catch (IllegalArgumentException e) {
      throw AcmeProblem.notFound(e.getMessage());
    }
    Responses.send(exchange, Response.ok(RenewalInfoJson.of(window.start(), window.end())));
  }

  private Renewals.Window window(ObjectNode body) {
    boolean renewNow =
        Exchanges.member(body, "renewNow").map(JsonNode::asBoolean).orElse(Boolean.FALSE);
    if (renewNow) {
      return renewals.immediately();
    }
    try {
      return new Renewals.Window(
          Times.parse(Exchanges.text(body, "start"), "start"),
          Times.parse(Exchanges.text(body, "end"), "end"));
    } catch (IllegalArgumentException e) {
      throw AcmeProblem.malformed(e.getMessage());
    }
  }
}
