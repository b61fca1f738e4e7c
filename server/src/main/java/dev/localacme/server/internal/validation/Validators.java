package dev.localacme.server.internal.validation;

import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.ProblemJson;
import dev.localacme.server.internal.protocol.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validators by challenge type, and which challenge types an identifier is offered: http-01 and
 * tls-alpn-01 for names and IPs, dns-01 for names, only dns-01 for wildcards (CA/B Forum rules; RFC
 * 8738 sections 4 and 7). A challenge that passes for a DNS name is then checked against CAA (RFC
 * 8659), which is done even when validation is switched off: CAA is issuance policy, not a
 * challenge.
 */
public final class Validators {
  private final Map<String, ChallengeValidator> byType = new LinkedHashMap<>();
  private final boolean enabled;
  private final Caa caa;

  /**
   * @param enabled false makes every challenge pass without any I/O ("always valid")
   * @param caa the CAA check after a challenge passed, or null for none
   */
  public Validators(List<ChallengeValidator> validators, boolean enabled, Caa caa) {
    validators.forEach(v -> byType.put(v.type(), v));
    this.enabled = enabled;
    this.caa = caa;
  }

  /** The CAA check, if there is one. */
  public Optional<Caa> caa() {
    return Optional.ofNullable(caa);
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
    ValidationResult result = challenge(request);
    if (!result.valid() || caa == null || !request.identifier().isDns()) {
      return result;
    }
    Optional<ProblemJson> refusal =
        caa.check(
            request.identifier().value(),
            request.wildcard(),
            request.accountUrl(),
            request.challengeType());
    if (refusal.isEmpty()) {
      return result;
    }
    return new ValidationResult(
        false,
        refusal.get(),
        result.target(),
        result.seen() + "; then CAA: " + refusal.get().detail(),
        result.records());
  }

  private ValidationResult challenge(ValidationRequest request) {
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
