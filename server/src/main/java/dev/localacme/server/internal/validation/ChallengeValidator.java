package dev.localacme.server.internal.validation;

/** Validates one challenge type. Implementations block; they run on the validation executor. */
public interface ChallengeValidator {
  /** The challenge type, for example {@code http-01}. */
  String type();

  ValidationResult validate(ValidationRequest request);
}
