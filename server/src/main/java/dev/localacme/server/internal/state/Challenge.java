package dev.localacme.server.internal.state;

import dev.localacme.server.internal.protocol.ProblemJson;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.internal.protocol.ValidationRecordJson;
import java.time.Instant;
import java.util.List;

/**
 * A challenge of an authorization (RFC 8555 section 7.1.5). Its state machine (section 7.1.6):
 * pending, then processing once the client responds, then valid or invalid.
 */
public record Challenge(
    String id,
    String type,
    String token,
    Status status,
    Instant validated,
    ProblemJson error,
    List<ValidationRecordJson> records) {

  public Challenge {
    records = records == null ? List.of() : List.copyOf(records);
  }

  public static Challenge pending(String id, String type, String token) {
    return new Challenge(id, type, token, Status.PENDING, null, null, List.of());
  }

  public Challenge processing() {
    return new Challenge(id, type, token, Status.PROCESSING, null, null, List.of());
  }

  public Challenge valid(Instant at, List<ValidationRecordJson> seen) {
    return new Challenge(id, type, token, Status.VALID, at, null, seen);
  }

  public Challenge invalid(ProblemJson problem, List<ValidationRecordJson> seen) {
    return new Challenge(id, type, token, Status.INVALID, null, problem, seen);
  }
}
