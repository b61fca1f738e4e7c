package dev.localacme.server.internal.jose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A JWS in flattened JSON serialization (RFC 7515 section 7.2.2), the only form ACME allows (RFC
 * 8555 section 6.2). Parsing checks structure only; {@link JwsVerifier} checks the signature.
 */
public record FlattenedJws(
    String protectedB64, String payloadB64, ObjectNode header, byte[] payload, byte[] signature) {

  /** Parses a request body. */
  public static FlattenedJws parse(byte[] body) {
    if (body.length > 0 && body[0] != '{') {
      throw AcmeProblem.malformed(
          "the request body must be a JWS in flattened JSON serialization (RFC 8555 section 6.2);"
              + " compact serialization is not accepted");
    }
    return parse(Json.readObject(body, "the JWS"), "the JWS");
  }

  /** Parses a JWS nested in a payload, for example keyChange's inner JWS. */
  public static FlattenedJws parse(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw AcmeProblem.malformed(what + " must be a JWS object in flattened JSON serialization");
    }
    if (node.has("signatures")) {
      throw AcmeProblem.malformed(
          what
              + " must carry exactly one signature in flattened JSON serialization, not a"
              + " \"signatures\" array");
    }
    if (node.has("header")) {
      throw AcmeProblem.malformed(what + " must not have an unprotected \"header\"");
    }
    String protectedB64 = text(node, "protected", what);
    if (!node.has("payload")) {
      throw AcmeProblem.malformed(what + " has no payload; detached payloads are not accepted");
    }
    String payloadB64 = text(node, "payload", what);
    String signatureB64 = text(node, "signature", what);
    byte[] headerBytes = Base64Url.decode(protectedB64, what + " \"protected\"");
    ObjectNode header = Json.readObject(headerBytes, what + " protected header");
    if (header.has("b64")) {
      throw AcmeProblem.malformed(what + " must not use the \"b64\" header (RFC 7797)");
    }
    if (header.has("crit")) {
      throw AcmeProblem.malformed(
          what
              + " names critical header parameters LocalAcme does not understand: "
              + header.get("crit"));
    }
    byte[] payload = Base64Url.decode(payloadB64, what + " \"payload\"");
    byte[] signature = Base64Url.decode(signatureB64, what + " \"signature\"");
    return new FlattenedJws(protectedB64, payloadB64, header, payload, signature);
  }

  /** The bytes the signature covers: {@code protected "." payload}, ASCII. */
  public byte[] signingInput() {
    return (protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII);
  }

  /** A string member of the protected header, if present. */
  public Optional<String> headerText(String name) {
    JsonNode value = header.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw AcmeProblem.malformed("JWS header \"" + name + "\" must be a string");
    }
    return Optional.of(value.asText());
  }

  /** POST-as-GET: the payload is the empty string (RFC 8555 section 6.3). */
  public boolean isPostAsGet() {
    return payloadB64.isEmpty();
  }

  private static String text(JsonNode node, String field, String what) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw AcmeProblem.malformed(what + " member \"" + field + "\" is missing or not a string");
    }
    return value.asText();
  }
}
