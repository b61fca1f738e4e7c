package dev.localacme.server.internal.protocol;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** RFC 3339 timestamps as ACME carries them. */
public final class Times {
  private Times() {}

  public static String format(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Parses an RFC 3339 timestamp from a request; a bad one is {@code malformed}. */
  public static Instant parse(String value, String field) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw AcmeProblem.malformed(
          field
              + " must be an RFC 3339 timestamp such as 2030-01-01T00:00:00Z, not \""
              + value
              + "\"");
    }
  }
}
