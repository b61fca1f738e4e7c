package dev.localacme.server.internal.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;
import java.util.Objects;

/**
 * An ACME identifier (RFC 8555 section 7.1.3, RFC 8738): {@code dns} or {@code ip}, with its value
 * exactly as the client sent it.
 */
public record Identifier(String type, String value) {
  public static final String DNS = "dns";
  public static final String IP = "ip";

  public Identifier {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
  }

  public static Identifier dns(String name) {
    return new Identifier(DNS, name);
  }

  public static Identifier ip(String address) {
    return new Identifier(IP, address);
  }

  @JsonIgnore
  public boolean isDns() {
    return DNS.equals(type);
  }

  @JsonIgnore
  public boolean isIp() {
    return IP.equals(type);
  }

  @JsonIgnore
  public boolean isWildcard() {
    return isDns() && value.startsWith("*.");
  }

  /** The value as it appears in certificates and comparisons: lower case, wildcard kept. */
  @JsonIgnore
  public String normalized() {
    return isDns() ? value.toLowerCase(Locale.ROOT) : value;
  }

  /** The name that is validated: the normalized value without a wildcard label. */
  @JsonIgnore
  public String baseName() {
    String normalized = normalized();
    return isWildcard() ? normalized.substring(2) : normalized;
  }

  @Override
  public String toString() {
    return type + ":" + value;
  }
}
