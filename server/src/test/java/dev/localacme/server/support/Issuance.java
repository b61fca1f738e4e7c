package dev.localacme.server.support;

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
import org.shredzone.acme4j.exception.AcmeServerException;

/** The acme4j steps every lifecycle test repeats: validate over http-01, finalize, download. */
public final class Issuance {
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
    for (Authorization authorization : order.getAuthorizations()) {
      validate(authorization, responder);
    }
    if (order.waitUntilReady(WAIT) != Status.READY) {
      throw new AssertionError("order is not ready: " + order.getJSON());
    }
    KeyPair certificateKey = Acme4j.ecKey();
    order.execute(certificateKey);
    if (order.waitForCompletion(WAIT) != Status.VALID) {
      throw new AssertionError("order is not valid: " + order.getJSON());
    }
    return order.getCertificate();
  }

  /** Responds to a pending authorization's http-01 challenge and waits until it is valid. */
  public static void validate(Authorization authorization, ChallengeResponder responder)
      throws Exception {
    if (authorization.getStatus() != Status.PENDING) {
      return;
    }
    Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow();
    responder.serve(challenge.getToken(), challenge.getAuthorization());
    challenge.trigger();
    if (challenge.waitForCompletion(WAIT) != Status.VALID) {
      throw new AssertionError("challenge is not valid: " + challenge.getJSON());
    }
  }

  /** The ACME error type's short name of a server problem, for example {@code badNonce}. */
  public static String problemType(Throwable e) {
    if (!(e instanceof AcmeServerException server)) {
      throw new AssertionError("not a server problem: " + e, e);
    }
    return server.getType().toString().replace("urn:ietf:params:acme:error:", "");
  }

  /** The HTTP status of a server problem, as its document says. */
  public static int problemStatus(Throwable e) {
    return ((AcmeServerException) e).getProblem().asJSON().get("status").asInt();
  }
}
