package dev.localacme.server.internal.domain;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The MAC keys of external account binding (RFC 8555 section 7.3.4), by key id: those configured at
 * start, plus those added at runtime through the Java or the management API.
 */
public final class ExternalAccountKeys {
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9_\\-+/]+={0,2}");

  private final boolean required;
  private final Map<String, byte[]> configured;
  private final ConcurrentMap<String, byte[]> keys = new ConcurrentHashMap<>();

  public ExternalAccountKeys(boolean required, Map<String, String> configured) {
    this.required = required;
    ConcurrentMap<String, byte[]> decoded = new ConcurrentHashMap<>();
    configured.forEach((kid, key) -> decoded.put(kid, decode(kid, key)));
    this.configured = Map.copyOf(decoded);
    keys.putAll(this.configured);
  }

  /** Whether newAccount needs a binding. */
  public boolean required() {
    return required;
  }

  /** Adds or replaces a key. */
  public void add(String kid, String base64urlKey) {
    keys.put(checkKid(kid), decode(kid, base64urlKey));
  }

  public Optional<byte[]> key(String kid) {
    return Optional.ofNullable(keys.get(kid)).map(byte[]::clone);
  }

  /** The key ids, sorted. */
  public List<String> kids() {
    return keys.keySet().stream().sorted().toList();
  }

  /** Back to the configured keys only. */
  public void reset() {
    keys.clear();
    keys.putAll(configured);
  }

  /**
   * Decodes a MAC key given in base64url, with or without padding (standard base64 is accepted too,
   * as some CAs hand keys out that way).
   *
   * @throws IllegalArgumentException naming the key id when the key is not base64 or is empty
   */
  public static byte[] decode(String kid, String key) {
    checkKid(kid);
    if (key == null || !BASE64.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "the external account key for \"" + kid + "\" must be base64url, not \"" + key + "\"");
    }
    String unpadded = key.replace("=", "").replace('+', '-').replace('/', '_');
    try {
      return Base64.getUrlDecoder().decode(unpadded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the external account key for \"" + kid + "\" is not valid base64url: " + e.getMessage());
    }
  }

  private static String checkKid(String kid) {
    if (kid == null || kid.isBlank()) {
      throw new IllegalArgumentException("an external account key id must not be empty");
    }
    return kid;
  }
}
