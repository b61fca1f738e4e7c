package dev.localacme.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;

/**
 * The acme4j steps every issuing test repeats (RFC 8555 section 7.4): validate over http-01,
 * finalize, download; each step asserted to reach its status.
 */
public final class Issuance {
  /** How long one step may take; a failing step ends sooner, as soon as it is invalid. */
  private static final Duration WAIT = Duration.ofSeconds(10);

  private Issuance() {}

  /** Orders {@code names} with the builder's options, validates every authorization, finalizes. */
  public static Certificate issue(
      Login login,
      ChallengeResponder responder,
      UnaryOperator<OrderBuilder> options,
      String... names)
      throws Exception {
    Order order = options.apply(login.getAccount().newOrder().domains(names)).create();
    return complete(order, responder);
  }

  public static Certificate issue(Login login, ChallengeResponder responder, String... names)
      throws Exception {
    return issue(login, responder, o -> o, names);
  }

  /** Validates what is pending, then finalizes with a fresh key and returns the certificate. */
  public static Certificate complete(Order order, ChallengeResponder responder) throws Exception {
    return complete(order, responder, KeyPairs.ec(), WAIT);
  }

  /** Validates what is pending, then finalizes with {@code certificateKey}. */
  public static Certificate complete(
      Order order, ChallengeResponder responder, KeyPair certificateKey) throws Exception {
    return complete(order, responder, certificateKey, WAIT);
  }

  /**
   * Validates what is pending and finalizes with a fresh key, each step given {@code wait}: for a
   * server that many clients load at once.
   */
  public static Certificate complete(Order order, ChallengeResponder responder, Duration wait)
      throws Exception {
    return complete(order, responder, KeyPairs.ec(), wait);
  }

  /** Responds to a pending authorization's http-01 challenge and waits until it is valid. */
  public static void validate(Authorization authorization, ChallengeResponder responder)
      throws Exception {
    validate(authorization, responder, WAIT);
  }

  /** Finalizes a ready order with a fresh key and returns its certificate. */
  public static Certificate finalizeOrder(Order order) throws Exception {
    return finalizeOrder(order, KeyPairs.ec(), WAIT);
  }

  private static Certificate complete(
      Order order, ChallengeResponder responder, KeyPair certificateKey, Duration wait)
      throws Exception {
    for (Authorization authorization : order.getAuthorizations()) {
      validate(authorization, responder, wait);
    }
    assertThat(Acme4j.await(order, wait, Status.READY))
        .as("order %s", order.getJSON())
        .isEqualTo(Status.READY);
    return finalizeOrder(order, certificateKey, wait);
  }

  private static void validate(
      Authorization authorization, ChallengeResponder responder, Duration wait) throws Exception {
    if (authorization.getStatus() != Status.PENDING) {
      return;
    }
    Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow();
    responder.serve(challenge.getToken(), challenge.getAuthorization());
    challenge.trigger();
    assertThat(Acme4j.await(challenge, wait, Status.VALID))
        .as("challenge %s", challenge.getJSON())
        .isEqualTo(Status.VALID);
  }

  private static Certificate finalizeOrder(Order order, KeyPair certificateKey, Duration wait)
      throws Exception {
    order.execute(certificateKey);
    assertThat(Acme4j.await(order, wait, Status.VALID))
        .as("order %s", order.getJSON())
        .isEqualTo(Status.VALID);
    return order.getCertificate();
  }
}
