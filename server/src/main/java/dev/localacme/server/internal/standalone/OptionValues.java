package dev.localacme.server.internal.standalone;

import java.util.List;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Rules the option groups share: switches, the first value given, range checks, {@code KEY=VALUE}
 * lists.
 */
final class OptionValues {
  private OptionValues() {}

  /** The first candidate that is not null: the flag (or its variable), the config, the default. */
  @SafeVarargs
  static <T> T first(T... candidates) {
    for (T candidate : candidates) {
      if (candidate != null) {
        return candidate;
      }
    }
    return null;
  }

  /** Whether a switch is on: given, or on by its default; one that is neither reads as null. */
  static boolean on(OptionSpec option) {
    return Boolean.TRUE.equals(option.getValue());
  }

  static int checkPort(String flag, int value) {
    return checkRange(flag, value, 0, 65535);
  }

  static int checkRange(String flag, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          flag + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }

  /** The values that are not blank; none for an unset option. */
  static List<String> nonEmpty(List<String> values) {
    return values == null ? List.of() : values.stream().filter(v -> !v.isBlank()).toList();
  }

  /** Splits at the first separator into two non-empty, trimmed halves. */
  static String[] split(String value, char separator, String option, String form) {
    int at = value.indexOf(separator);
    if (at <= 0 || at == value.length() - 1) {
      throw new IllegalArgumentException(option + " \"" + value + "\" is not " + form);
    }
    return new String[] {value.substring(0, at).trim(), value.substring(at + 1).trim()};
  }
}
