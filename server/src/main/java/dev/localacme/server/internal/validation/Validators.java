package dev.localacme.server.internal.validation;

import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validators by challenge type, and which challenge types an identifier is offered: http-01 and
 * tls-alpn-01 for names and IPs, dns-01 for names, only dns-01 for wildcards (CA/B Forum rules; RFC
 * 8738 sections 4 and 7).
 */
public final class Validators {
  private final Map<String, ChallengeValidator> byType = new LinkedHashMap<>();
  private final boolean enabled;

  /**
   * @param enabled false makes every validation pass without any I/O ("always valid")
   */
  public Validators(List<ChallengeValidator> validators, boolean enabled) {
    validators.forEach(v -> byType.put(v.type(), v));
    this.enabled = enabled;
  }

  /** The challenge types offered for an identifier, in a stable order. */
  public List<String> offeredFor(Identifier identifier) {
    List<String> offered = new ArrayList<>();
    for (String type : byType.keySet()) {
      boolean fits =
          switch (type) {
            case "http-01", "tls-alpn-01" -> !identifier.isWildcard();
            case "dns-01" -> identifier.isDns();
            default -> !identifier.isWildcard();
          };
      if (fits) {
        offered.add(type);
      }
    }
    return offered;
  }

  public ValidationResult validate(ValidationRequest request) {
    if (!enabled) {
      return ValidationResult.valid(
          "(validation disabled)", "nothing: this server passes every challenge", List.of());
    }
    ChallengeValidator validator = byType.get(request.challengeType());
    if (validator == null) {
      return ValidationResult.invalid(
          ProblemType.MALFORMED,
          "challenge type " + request.challengeType() + " is not supported",
          "",
          "",
          List.of());
    }
    return validator.validate(request);
  }
}
