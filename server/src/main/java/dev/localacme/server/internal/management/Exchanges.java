package dev.localacme.server.internal.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localacme.server.internal.http.Router;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.Json;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** What management handlers read from a request: path parameters and a JSON body. */
final class Exchanges {
  private static final int MAX_BODY = 64 * 1024;

  private Exchanges() {}

  static String param(HttpServerExchange exchange, String name) {
    return exchange.getAttachment(Router.PARAMS).get(name);
  }

  /** The body as a JSON object; an empty or bad body is a 400 naming the route. */
  static ObjectNode jsonBody(HttpServerExchange exchange) throws IOException {
    byte[] body = exchange.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw AcmeProblem.malformed("the body is larger than " + MAX_BODY + " bytes").withStatus(413);
    }
    if (body.length == 0) {
      throw AcmeProblem.malformed(exchange.getRequestPath() + " needs a JSON object as its body");
    }
    return Json.readObject(body, "the body");
  }

  /** A member, its name matched ignoring case as Go's JSON decoder does (Pebble's routes). */
  static Optional<JsonNode> member(ObjectNode object, String name) {
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equalsIgnoreCase(name) && !field.getValue().isNull()) {
        return Optional.of(field.getValue());
      }
    }
    return Optional.empty();
  }

  /** A string member that must be there. */
  static String text(ObjectNode object, String name) {
    JsonNode value =
        member(object, name)
            .orElseThrow(() -> AcmeProblem.malformed("the body has no \"" + name + "\""));
    if (!value.isTextual()) {
      throw AcmeProblem.malformed("\"" + name + "\" must be a string");
    }
    return value.asText();
  }
}
