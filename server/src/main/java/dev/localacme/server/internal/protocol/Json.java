package dev.localacme.server.internal.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one JSON mapper: records in and out, nulls left out, strict about scalar types. */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String writeString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a JSON object; anything else is a {@code malformed} problem naming {@code what}. */
  public static ObjectNode readObject(byte[] bytes, String what) {
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw AcmeProblem.malformed(what + " is not valid JSON: " + shortMessage(e));
    }
    if (node == null || !node.isObject()) {
      throw AcmeProblem.malformed(what + " must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Binds a parsed object to a request record, turning type errors into {@code malformed}. */
  public static <T> T bind(JsonNode node, Class<T> type, String what) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (MismatchedInputException e) {
      String field =
          e.getPath().isEmpty()
              ? ""
              : " (field \"" + e.getPath().get(e.getPath().size() - 1).getFieldName() + "\")";
      throw AcmeProblem.malformed(what + " has a value of the wrong type" + field);
    } catch (IOException e) {
      throw AcmeProblem.malformed(what + " cannot be read: " + shortMessage(e));
    }
  }

  private static String shortMessage(IOException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}
