package dev.localacme.server.internal.state;

import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.ProblemJson;
import dev.localacme.server.internal.protocol.Status;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * An order (RFC 8555 section 7.1.3). Only the facts are stored (finalization started, the
 * certificate, an error); the status is derived from them, the authorizations and the clock, so it
 * cannot disagree with them (section 7.1.6).
 */
public record Order(
    String id,
    String accountId,
    List<Identifier> identifiers,
    List<String> authorizationIds,
    Instant notBefore,
    Instant notAfter,
    Instant expires,
    Instant createdAt,
    String profile,
    String replaces,
    boolean processing,
    String certificateSerial,
    ProblemJson error) {

  public Order {
    identifiers = List.copyOf(identifiers);
    authorizationIds = List.copyOf(authorizationIds);
  }

  /** The status at {@code now}, given this order's authorizations. */
  public Status status(Instant now, Collection<Authorization> authorizations) {
    if (error != null) {
      return Status.INVALID;
    }
    if (certificateSerial != null) {
      return Status.VALID;
    }
    if (processing) {
      return Status.PROCESSING;
    }
    if (now.isAfter(expires)) {
      return Status.INVALID;
    }
    boolean allValid = true;
    for (Authorization authz : authorizations) {
      Status status = authz.status(now);
      if (status != Status.VALID && status != Status.PENDING) {
        return Status.INVALID;
      }
      allValid &= status == Status.VALID;
    }
    return allValid ? Status.READY : Status.PENDING;
  }

  /** The order with its authorizations, once they are chosen. */
  public Order withAuthorizations(List<String> ids) {
    return new Order(
        id,
        accountId,
        identifiers,
        ids,
        notBefore,
        notAfter,
        expires,
        createdAt,
        profile,
        replaces,
        processing,
        certificateSerial,
        error);
  }

  /** Finalization accepted: ready to processing. */
  public Order finalizing() {
    return withProgress(true, null, null);
  }

  /** The certificate is issued: processing to valid. */
  public Order issued(String serial) {
    return withProgress(false, serial, null);
  }

  /** Back to ready after a finalize that was refused, so the client can try again. */
  public Order finalizeFailed() {
    return withProgress(false, null, null);
  }

  /** The order can never be fulfilled. */
  public Order failed(ProblemJson problem) {
    return withProgress(false, null, problem);
  }

  private Order withProgress(boolean processing, String serial, ProblemJson problem) {
    return new Order(
        id,
        accountId,
        identifiers,
        authorizationIds,
        notBefore,
        notAfter,
        expires,
        createdAt,
        profile,
        replaces,
        processing,
        serial,
        problem);
  }
}
