package dev.localacme.server.internal.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The status values of RFC 8555 section 7.1.6, one enum for all objects. */
public enum Status {
  PENDING,
  READY,
  PROCESSING,
  VALID,
  INVALID,
  DEACTIVATED,
  EXPIRED,
  REVOKED;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
