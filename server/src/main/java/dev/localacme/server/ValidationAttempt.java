package dev.localacme.server;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One validation LocalAcme made, with what it saw: for tests that assert why a system under test
 * did or did not get its certificate.
 *
 * @param at when the attempt finished
 * @param identifier the identifier value validated, for example {@code app.test}
 * @param challengeType {@code http-01}, {@code dns-01} or {@code tls-alpn-01}
 * @param target what was contacted, for example {@code
 *     http://app.test:5002/.well-known/acme-challenge/abc (127.0.0.1:5002)}
 * @param valid whether the challenge passed
 * @param problemType the ACME problem type on failure, for example {@code
 *     urn:ietf:params:acme:error:connection}
 * @param detail a sentence saying what happened
 * @param seen what came back: a status and body excerpt, records found, or the error
 * @param took how long the attempt took
 */
public record ValidationAttempt(
    Instant at,
    String identifier,
    String challengeType,
    String target,
    boolean valid,
    String problemType,
    String detail,
    String seen,
    Duration took) {

  /** The problem type on failure. */
  public Optional<String> problem() {
    return Optional.ofNullable(problemType);
  }
}
