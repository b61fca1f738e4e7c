package dev.localacme.server.internal.challtestsrv.management;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A management request's JSON object with Go's decoding rules: keys match case-insensitively, a
 * missing or null field is empty, and a value of the wrong type is an error ({@link BadRequest}).
 */
final class Body {
  /** A body that cannot be decoded; the route answers 400 with the message. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  private final Map<String, JsonNode> fields = new HashMap<>();

  Body(JsonNode object) {
    if (object != null && !object.isNull()) {
      if (!object.isObject()) {
        throw new BadRequest("json: cannot decode " + object.getNodeType() + " into an object");
      }
      object.fields().forEachRemaining(e -> fields.put(lower(e.getKey()), e.getValue()));
    }
  }

  /** A string field; empty when missing. */
  String string(String key) {
    JsonNode value = fields.get(lower(key));
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw wrongType(key, "a string");
    }
    return value.asText();
  }

  /** A list of strings; empty when missing. */
  List<String> strings(String key) {
    List<String> values = new ArrayList<>();
    for (JsonNode element : array(key)) {
      if (!element.isTextual()) {
        throw wrongType(key, "a list of strings");
      }
      values.add(element.asText());
    }
    return values;
  }

  /** A list of objects; empty when missing. */
  List<Body> objects(String key) {
    List<Body> values = new ArrayList<>();
    for (JsonNode element : array(key)) {
      if (!element.isObject()) {
        throw wrongType(key, "a list of objects");
      }
      values.add(new Body(element));
    }
    return values;
  }

  /** An integer field, or {@code fallback} when missing. */
  int integer(String key, int fallback) {
    JsonNode value = fields.get(lower(key));
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isInt()) {
      throw wrongType(key, "an integer");
    }
    return value.asInt();
  }

  private List<JsonNode> array(String key) {
    JsonNode value = fields.get(lower(key));
    List<JsonNode> elements = new ArrayList<>();
    if (value == null || value.isNull()) {
      return elements;
    }
    if (!value.isArray()) {
      throw wrongType(key, "a list");
    }
    value.forEach(elements::add);
    return elements;
  }

  private static BadRequest wrongType(String key, String expected) {
    return new BadRequest("json: field \"" + key + "\" must be " + expected);
  }

  private static String lower(String key) {
    return key.toLowerCase(Locale.ROOT);
  }
}
