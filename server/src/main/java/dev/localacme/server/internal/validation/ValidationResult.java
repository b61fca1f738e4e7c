package dev.localacme.server.internal.validation;

import dev.localacme.server.internal.protocol.ProblemJson;
import dev.localacme.server.internal.protocol.ProblemType;
import dev.localacme.server.internal.protocol.ValidationRecordJson;
import java.util.List;

/**
 * The outcome of one validation: valid, or a problem whose detail says what was seen. {@code
 * target} and {@code seen} feed the inspection API and the log.
 */
public record ValidationResult(
    boolean valid,
    ProblemJson problem,
    String target,
    String seen,
    List<ValidationRecordJson> records) {

  public ValidationResult {
    records = records == null ? List.of() : List.copyOf(records);
  }

  public static ValidationResult valid(
      String target, String seen, List<ValidationRecordJson> records) {
    return new ValidationResult(true, null, target, seen, records);
  }

  public static ValidationResult invalid(
      ProblemType type,
      String detail,
      String target,
      String seen,
      List<ValidationRecordJson> records) {
    return new ValidationResult(false, ProblemJson.of(type, detail), target, seen, records);
  }
}
