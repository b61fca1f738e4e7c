package dev.localacme.server.internal.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The value of a CAA {@code issue} or {@code issuewild} property (RFC 8659 section 4.2): an
 * optional issuer domain name and {@code tag=value} parameters, such as RFC 8657's {@code
 * accounturi} and {@code validationmethods}. A value that does not follow the grammar parses as
 * empty, which authorizes no one (section 4.2).
 *
 * @param issuer the issuer domain name, empty when none ({@code ";"} forbids issuance)
 * @param parameters the parameters in order; a tag may repeat
 */
public record CaaIssueValue(String issuer, List<Map.Entry<String, String>> parameters) {
  private static final String LABEL = "[A-Za-z0-9](?:-*[A-Za-z0-9])*";
  private static final Pattern DOMAIN = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");
  private static final Pattern TAG = Pattern.compile(LABEL);
  private static final Pattern VALUE = Pattern.compile("[\\x21-\\x3a\\x3c-\\x7e]*");

  public CaaIssueValue {
    parameters = List.copyOf(parameters);
  }

  /** Parses a value; empty when it does not follow the grammar. */
  public static Optional<CaaIssueValue> parse(String value) {
    int semicolon = value.indexOf(';');
    String issuer = strip(semicolon < 0 ? value : value.substring(0, semicolon));
    if (!issuer.isEmpty() && !DOMAIN.matcher(issuer).matches()) {
      return Optional.empty();
    }
    List<Map.Entry<String, String>> parameters = new ArrayList<>();
    if (semicolon >= 0) {
      String[] parts = value.substring(semicolon + 1).split(";", -1);
      for (int i = 0; i < parts.length; i++) {
        String part = strip(parts[i]);
        if (part.isEmpty() && i == parts.length - 1) {
          continue;
        }
        int equals = part.indexOf('=');
        if (equals < 0) {
          return Optional.empty();
        }
        String tag = strip(part.substring(0, equals));
        String parameter = strip(part.substring(equals + 1));
        if (!TAG.matcher(tag).matches() || !VALUE.matcher(parameter).matches()) {
          return Optional.empty();
        }
        parameters.add(Map.entry(tag, parameter));
      }
    }
    return Optional.of(new CaaIssueValue(issuer, parameters));
  }

  /** The values of one parameter (tags compare case-insensitively). */
  public List<String> parameter(String tag) {
    return parameters.stream()
        .filter(p -> p.getKey().equalsIgnoreCase(tag))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** RFC 8659's WSP is space and tab only. */
  private static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
      end--;
    }
    return text.substring(start, end);
  }
}
