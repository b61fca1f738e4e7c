package dev.localacme.server.internal.domain;

import dev.localacme.server.AcmeEvent;
import dev.localacme.server.ValidationAttempt;
import dev.localacme.server.internal.events.Events;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.ProblemJson;
import dev.localacme.server.internal.protocol.ProblemType;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.internal.state.Account;
import dev.localacme.server.internal.state.Authorization;
import dev.localacme.server.internal.state.Challenge;
import dev.localacme.server.internal.state.Store;
import dev.localacme.server.internal.validation.ValidationRequest;
import dev.localacme.server.internal.validation.ValidationResult;
import dev.localacme.server.internal.validation.Validators;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorizations and their challenges (RFC 8555 sections 7.5, 7.5.1, 7.5.2, 8): a challenge
 * response starts one validation on the executor; its outcome moves the challenge and the
 * authorization on, and is published as an event.
 */
public final class Authorizations {
  private static final Logger LOG = LoggerFactory.getLogger(Authorizations.class);

  private final Store store;
  private final Clock clock;
  private final Events events;
  private final Validators validators;
  private final Executor executor;
  private final Duration validLifetime;

  /** Challenges with a validation running in this process. */
  private final Set<String> validating = ConcurrentHashMap.newKeySet();

  public Authorizations(
      Store store,
      Clock clock,
      Events events,
      Validators validators,
      Executor executor,
      Duration validLifetime) {
    this.store = store;
    this.clock = clock;
    this.events = events;
    this.validators = validators;
    this.executor = executor;
    this.validLifetime = validLifetime;
  }

  /** An authorization of this account. */
  public Authorization owned(Account account, String authzId) {
    Authorization authz =
        store
            .authorization(authzId)
            .orElseThrow(() -> AcmeProblem.notFound("no authorization " + authzId));
    if (!authz.accountId().equals(account.id())) {
      throw AcmeProblem.unauthorized("authorization " + authzId + " belongs to another account");
    }
    return authz;
  }

  /**
   * An authorization of this account, as a client polls it; a validation that a restart interrupted
   * starts again.
   *
   * @param accountUrl the account's URL, for CAA's {@code accounturi} (RFC 8657)
   */
  public Authorization fetch(Account account, String authzId, String accountUrl) {
    Authorization authz = owned(account, authzId);
    resumeInterrupted(account, authz, accountUrl);
    return authz;
  }

  /**
   * A challenge stored as processing with no validation running in this process was interrupted by
   * a restart (or a crash) of a server with a data directory: validate it again, so the client
   * polling it gets an outcome instead of "processing" forever.
   */
  private void resumeInterrupted(Account account, Authorization authz, String accountUrl) {
    for (Challenge challenge : authz.challenges()) {
      if (challenge.status() == Status.PROCESSING && validating.add(challenge.id())) {
        LOG.info(
            "resuming the {} validation of {} that a restart interrupted",
            challenge.type(),
            authz.identifier().value());
        ValidationRequest request = request(account, authz, challenge, accountUrl);
        CompletableFuture.runAsync(() -> validate(authz.id(), challenge.id(), request), executor);
      }
    }
  }

  /** The authorization as it is stored now. */
  public Authorization reload(Authorization authz) {
    return store.authorization(authz.id()).orElseThrow();
  }

  public Challenge challenge(Authorization authz, String challengeId) {
    return authz
        .challenge(challengeId)
        .orElseThrow(
            () ->
                AcmeProblem.notFound(
                    "authorization " + authz.id() + " has no challenge " + challengeId));
  }

  /** Deactivation by the client (section 7.5.2): pending or valid authorizations only. */
  public Authorization deactivate(Account account, String authzId) {
    Authorization authz = owned(account, authzId);
    Status status = authz.status(clock.instant());
    if (status != Status.PENDING && status != Status.VALID) {
      throw AcmeProblem.malformed(
          "authorization "
              + authzId
              + " is "
              + status.json()
              + "; only pending or valid ones can be"
              + " deactivated");
    }
    Authorization updated = store.updateAuthorization(authzId, Authorization::deactivated);
    events.publish(
        new AcmeEvent.AuthorizationDeactivated(
            clock.instant(), authzId, authz.identifier().value()));
    return updated;
  }

  /**
   * The client is ready for a challenge (section 7.5.1). Starts validation if the challenge is
   * pending; otherwise changes nothing (a repeated response, or one to a finished challenge).
   *
   * @param accountUrl the account's URL as its client knows it, for CAA {@code accounturi}
   * @return completes with the authorization once validation has finished, or at once when no
   *     validation was started
   */
  public CompletableFuture<Authorization> respond(
      Account account, String authzId, String challengeId, String accountUrl) {
    Authorization authz = owned(account, authzId);
    Challenge challenge = challenge(authz, challengeId);
    Instant now = clock.instant();
    if (authz.status(now) != Status.PENDING || challenge.status() != Status.PENDING) {
      return CompletableFuture.completedFuture(authz);
    }
    boolean[] started = {false};
    // Claimed before the challenge is stored as processing, so resumeInterrupted never sees it
    // processing without a validation.
    if (!validating.add(challengeId)) {
      return CompletableFuture.completedFuture(authz);
    }
    Authorization processing;
    try {
      processing =
          store.updateAuthorization(
              authzId,
              current -> {
                boolean pending =
                    current.status(now) == Status.PENDING
                        && current.challenge(challengeId).orElseThrow().status() == Status.PENDING;
                started[0] = pending;
                return pending ? current.challengeProcessing(challengeId) : current;
              });
    } finally {
      if (!started[0]) {
        validating.remove(challengeId);
      }
    }
    if (!started[0]) {
      return CompletableFuture.completedFuture(processing);
    }
    ValidationRequest request = request(account, processing, challenge, accountUrl);
    return CompletableFuture.supplyAsync(() -> validate(authzId, challengeId, request), executor);
  }

  private static ValidationRequest request(
      Account account, Authorization authz, Challenge challenge, String accountUrl) {
    // The key authorization uses the account's key now, which keyChange may have replaced (8.1).
    String keyAuthorization = challenge.token() + "." + account.key().thumbprint();
    return new ValidationRequest(
        authz.identifier(),
        authz.wildcard(),
        challenge.type(),
        challenge.token(),
        keyAuthorization,
        account.id(),
        accountUrl);
  }

  private Authorization validate(String authzId, String challengeId, ValidationRequest request) {
    try {
      return validateOnce(authzId, challengeId, request);
    } finally {
      validating.remove(challengeId);
    }
  }

  private Authorization validateOnce(
      String authzId, String challengeId, ValidationRequest request) {
    long started = System.nanoTime();
    ValidationResult result;
    try {
      result = validators.validate(request);
    } catch (RuntimeException e) {
      LOG.error("validation of {} failed unexpectedly", request.identifier(), e);
      result =
          ValidationResult.invalid(
              ProblemType.SERVER_INTERNAL, "the validator failed: " + e, "", "", List.of());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Instant now = clock.instant();
    ValidationResult outcome = result;
    ProblemJson problem = outcome.problem();
    // Recorded before the outcome becomes visible: a client that sees the challenge valid or
    // invalid must also find the attempt in the inspection API.
    events.publish(
        new AcmeEvent.ValidationCompleted(
            now,
            new ValidationAttempt(
                now,
                request.identifier().value(),
                request.challengeType(),
                outcome.target(),
                outcome.valid(),
                problem == null ? null : problem.type(),
                problem == null ? "valid" : problem.detail(),
                outcome.seen(),
                took)));
    Authorization done =
        store.updateAuthorization(
            authzId,
            current -> {
              if (current.challenge(challengeId).orElseThrow().status() != Status.PROCESSING) {
                return current;
              }
              if (outcome.valid()) {
                return current.status(now) == Status.PENDING
                    ? current.challengeValid(
                        challengeId, now, outcome.records(), now.plus(validLifetime))
                    : current;
              }
              return current.challengeInvalid(challengeId, problem, outcome.records());
            });
    return done;
  }
}
