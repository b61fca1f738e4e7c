package dev.localacme.server.internal.standalone;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads environment variables the way the standalone server documents them. */
public final class Env {
  private final Map<String, String> variables;

  public Env(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  /** Whether a variable is set to a non-empty value. */
  public boolean isSet(String name) {
    String value = variables.get(name);
    return value != null && !value.isBlank();
  }

  /**
   * A switch: {@code 1}, {@code true}, {@code yes} or {@code on} (any case) turn it on; {@code 0},
   * {@code false}, {@code no}, {@code off} or empty turn it off.
   */
  public Optional<Boolean> flag(String name) {
    if (!isSet(name)) {
      return Optional.empty();
    }
    return switch (variables.get(name).trim().toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "on" -> Optional.of(true);
      case "0", "false", "no", "off" -> Optional.of(false);
      default ->
          throw new IllegalArgumentException(
              name + " must be true or false (or 1 or 0), not \"" + variables.get(name) + "\"");
    };
  }

  public Optional<Integer> integer(String name) {
    if (!isSet(name)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(variables.get(name).trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number, not \"" + variables.get(name) + "\"");
    }
  }
}
