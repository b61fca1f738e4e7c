package dev.localacme.server.internal.state;

import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.ProblemJson;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.internal.protocol.ValidationRecordJson;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An authorization (RFC 8555 section 7.1.4). The stored status is pending, valid, invalid,
 * deactivated or revoked; expiry is derived from {@code expires} and the clock.
 *
 * @param preauthorized whether the client asked for it with newAuthz (section 7.4.1) rather than
 *     with an order; once valid, it always counts toward the account's later orders
 */
public record Authorization(
    String id,
    String accountId,
    Identifier identifier,
    boolean wildcard,
    Status status,
    Instant expires,
    List<Challenge> challenges,
    boolean preauthorized) {

  public Authorization {
    challenges = List.copyOf(challenges);
  }

  /** An authorization created for an order. */
  public Authorization(
      String id,
      String accountId,
      Identifier identifier,
      boolean wildcard,
      Status status,
      Instant expires,
      List<Challenge> challenges) {
    this(id, accountId, identifier, wildcard, status, expires, challenges, false);
  }

  /** The status at {@code now}: pending and valid authorizations expire (section 7.1.6). */
  public Status status(Instant now) {
    if ((status == Status.PENDING || status == Status.VALID) && now.isAfter(expires)) {
      return Status.EXPIRED;
    }
    return status;
  }

  public Optional<Challenge> challenge(String challengeId) {
    return challenges.stream().filter(c -> c.id().equals(challengeId)).findFirst();
  }

  /** The challenge moves to processing; the authorization stays pending. */
  public Authorization challengeProcessing(String challengeId) {
    return withChallenge(challenge(challengeId).orElseThrow().processing(), status, expires);
  }

  /** One challenge succeeded: the authorization is valid until {@code validUntil}. */
  public Authorization challengeValid(
      String challengeId, Instant at, List<ValidationRecordJson> seen, Instant validUntil) {
    Challenge done = challenge(challengeId).orElseThrow().valid(at, seen);
    return withChallenge(done, Status.VALID, validUntil);
  }

  /** One challenge failed: the authorization is invalid (section 7.1.6). */
  public Authorization challengeInvalid(
      String challengeId, ProblemJson problem, List<ValidationRecordJson> seen) {
    Challenge failed = challenge(challengeId).orElseThrow().invalid(problem, seen);
    return withChallenge(failed, Status.INVALID, expires);
  }

  /** The client gave the authorization up (section 7.5.2). */
  public Authorization deactivated() {
    return new Authorization(
        id,
        accountId,
        identifier,
        wildcard,
        Status.DEACTIVATED,
        expires,
        challenges,
        preauthorized);
  }

  /** The server withdrew it, for example because its account was deactivated. */
  public Authorization revoked() {
    return new Authorization(
        id, accountId, identifier, wildcard, Status.REVOKED, expires, challenges, preauthorized);
  }

  /** The first challenge error, for an order's error when this authorization failed. */
  public Optional<ProblemJson> error() {
    return challenges.stream().map(Challenge::error).filter(e -> e != null).findFirst();
  }

  private Authorization withChallenge(Challenge replacement, Status newStatus, Instant newExpires) {
    List<Challenge> updated =
        challenges.stream().map(c -> c.id().equals(replacement.id()) ? replacement : c).toList();
    return new Authorization(
        id, accountId, identifier, wildcard, newStatus, newExpires, updated, preauthorized);
  }
}
