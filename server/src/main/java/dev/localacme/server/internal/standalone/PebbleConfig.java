package dev.localacme.server.internal.standalone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Pebble's JSON configuration file ({@code pebble -config}), every key Pebble reads, under the
 * top-level {@code "pebble"} object. Keys match case-insensitively, as Go's decoder does.
 *
 * @param listenAddress the ACME API's {@code host:port}
 * @param managementListenAddress the management API's {@code host:port}; empty turns it off
 * @param certificate Pebble's own TLS certificate (LocalAcme issues its own)
 * @param privateKey the key of {@code certificate}
 * @param httpPort where http-01 validation connects
 * @param tlsPort where tls-alpn-01 validation connects
 * @param certificateValidityPeriod deprecated in Pebble and unused there too
 */
public record PebbleConfig(
    String listenAddress,
    String managementListenAddress,
    String certificate,
    String privateKey,
    Integer httpPort,
    Integer tlsPort,
    String ocspResponderURL,
    Boolean externalAccountBindingRequired,
    Map<String, String> externalAccountMACKeys,
    List<String> caaIdentities,
    List<String> domainBlocklist,
    String keyAlgorithm,
    Map<String, Profile> profiles,
    RetryAfter retryAfter,
    Long certificateValidityPeriod) {

  /** A certificate profile: validity in seconds, and whether the first name becomes the CN. */
  public record Profile(String description, Long validityPeriod, Boolean promoteCommonName) {}

  /** Seconds for the Retry-After header on authorization and order polls. */
  public record RetryAfter(Integer authz, Integer order) {}

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private static final Set<String> KNOWN =
      Stream.of(PebbleConfig.class.getRecordComponents())
          .map(c -> c.getName().toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());

  /**
   * Reads a configuration file.
   *
   * @throws IllegalArgumentException with one line naming the file and what is wrong with it
   */
  public static PebbleConfig read(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("config file " + file + " does not exist");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "config file "
              + file
              + " is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + "): "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e);
    }
    JsonNode pebble = field(root, "pebble");
    if (pebble == null || !pebble.isObject()) {
      throw new IllegalArgumentException(
          "config file " + file + " has no top-level \"pebble\" object, as Pebble's config has");
    }
    try {
      return MAPPER.treeToValue(pebble, PebbleConfig.class);
    } catch (MismatchedInputException e) {
      String path =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      throw new IllegalArgumentException(
          "config file "
              + file
              + ": \""
              + path
              + "\" has the wrong type: "
              + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("config file " + file + ": " + e.getOriginalMessage());
    }
  }

  /** Keys in the file's {@code "pebble"} object that Pebble does not know either. */
  public static List<String> unknownKeys(Path file) {
    try {
      JsonNode pebble = field(MAPPER.readTree(Files.readAllBytes(file)), "pebble");
      List<String> unknown = new ArrayList<>();
      for (Iterator<String> names = pebble.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!KNOWN.contains(name.toLowerCase(Locale.ROOT))) {
          unknown.add(name);
        }
      }
      return unknown;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static JsonNode field(JsonNode object, String name) {
    if (object == null || !object.isObject()) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = fields.next();
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
