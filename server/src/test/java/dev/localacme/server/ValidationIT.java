package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.ChallengeResponder;
import dev.localacme.server.support.Ports;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;

/** http-01 as the system under test experiences it (RFC 8555 section 8.3), failures included. */
class ValidationIT {
  private ChallengeResponder responder;
  private AcmeServer server;

  @BeforeEach
  void start() {
    responder = ChallengeResponder.start();
    server = AcmeServer.builder().http01Port(responder.port()).start();
  }

  @AfterEach
  void stop() {
    server.close();
    responder.close();
  }

  @Test
  void challengeResponseAlreadyCarriesTheFinalStatus() throws Exception {
    Http01Challenge challenge = challenge(newOrder("fast.test"));
    responder.serve(challenge.getToken(), challenge.getAuthorization());
    challenge.trigger();
    assertThat(challenge.getStatus()).isEqualTo(Status.VALID);
    assertThat(challenge.getValidated()).isPresent();
    assertThat(responder.hosts()).containsExactly("fast.test:" + responder.port());
    ValidationAttempt attempt = server.validationAttempts().get(0);
    assertThat(attempt.valid()).isTrue();
    assertThat(attempt.identifier()).isEqualTo("fast.test");
    assertThat(attempt.target())
        .contains(
            "http://fast.test:" + responder.port() + "/.well-known/acme-challenge/", "127.0.0.1");
  }

  @Test
  void slowSystemUnderTestIsProcessingUntilItAnswers() throws Exception {
    server.close();
    server =
        AcmeServer.builder()
            .http01Port(responder.port())
            .validationGrace(Duration.ofMillis(50))
            .start();
    responder.delay(Duration.ofMillis(600));
    Http01Challenge challenge = challenge(newOrder("slow.test"));
    responder.serve(challenge.getToken(), challenge.getAuthorization());
    challenge.trigger();
    assertThat(challenge.getStatus()).isEqualTo(Status.PROCESSING);
    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
  }

  @Test
  void wrongKeyAuthorizationIsInvalidAndSaysWhatWasSeen() throws Exception {
    Order order = newOrder("wrong.test");
    Http01Challenge challenge = challenge(order);
    responder.serve(challenge.getToken(), "something-else");
    challenge.trigger();

    assertThat(challenge.getStatus()).isEqualTo(Status.INVALID);
    Problem problem = challenge.getError().orElseThrow();
    assertThat(problem.getType()).hasToString("urn:ietf:params:acme:error:incorrectResponse");
    assertThat(problem.getDetail().orElseThrow())
        .contains(
            "\"something-else\"", challenge.getAuthorization(), "127.0.0.1:" + responder.port());
    Authorization authorization = order.getAuthorizations().get(0);
    authorization.fetch();
    assertThat(authorization.getStatus()).isEqualTo(Status.INVALID);
    order.fetch();
    assertThat(order.getStatus()).isEqualTo(Status.INVALID);
    assertThat(order.getError().orElseThrow().getDetail().orElseThrow())
        .contains("wrong.test", "something-else");
    assertThat(server.validationAttempts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.valid()).isFalse();
              assertThat(a.problem()).contains("urn:ietf:params:acme:error:incorrectResponse");
              assertThat(a.seen()).contains("HTTP 200", "something-else");
            });
    assertThat(server.orders())
        .singleElement()
        .satisfies(o -> assertThat(o.status()).isEqualTo("invalid"));
  }

  @Test
  void notFoundIsInvalidWithTheStatusSeen() throws Exception {
    Http01Challenge challenge = challenge(newOrder("missing.test"));
    challenge.trigger();
    assertThat(challenge.getStatus()).isEqualTo(Status.INVALID);
    assertThat(challenge.getError().orElseThrow().getDetail().orElseThrow())
        .contains("HTTP 404", "no such token");
  }

  @Test
  void nothingListeningIsAConnectionProblemNamingTheAddress() throws Exception {
    int closed = Ports.free();
    server.http01Port(closed);
    Http01Challenge challenge = challenge(newOrder("down.test"));
    challenge.trigger();
    assertThat(challenge.getStatus()).isEqualTo(Status.INVALID);
    Problem problem = challenge.getError().orElseThrow();
    assertThat(problem.getType()).hasToString("urn:ietf:params:acme:error:connection");
    assertThat(problem.getDetail().orElseThrow())
        .contains("127.0.0.1:" + closed, "connection refused");
  }

  @Test
  void redirectsAreFollowed() throws Exception {
    try (ChallengeResponder other = ChallengeResponder.start()) {
      server.route("target.test", ValidationTarget.of("127.0.0.1", other.port()));
      Http01Challenge challenge = challenge(newOrder("redirecting.test"));
      String path = "/.well-known/acme-challenge/" + challenge.getToken();
      responder.redirect(challenge.getToken(), "http://target.test:" + other.port() + path);
      other.serve(challenge.getToken(), challenge.getAuthorization());
      challenge.trigger();
      assertThat(challenge.getStatus()).isEqualTo(Status.VALID);
      assertThat(other.hosts()).containsExactly("target.test:" + other.port());
    }
  }

  @Test
  void endlessRedirectsStopAfterTen() throws Exception {
    Http01Challenge challenge = challenge(newOrder("loop.test"));
    String path = "/.well-known/acme-challenge/" + challenge.getToken();
    responder.redirect(
        challenge.getToken(), "http://loop.test:" + responder.port() + path + "?again");
    challenge.trigger();
    assertThat(challenge.getStatus()).isEqualTo(Status.INVALID);
    assertThat(challenge.getError().orElseThrow().getDetail().orElseThrow())
        .containsIgnoringCase("redirect");
  }

  @Test
  void routesSendEachNameToItsOwnSystemUnderTest() throws Exception {
    try (ChallengeResponder second = ChallengeResponder.start()) {
      server.route("second.test", ValidationTarget.of("127.0.0.1", second.port()));
      Order order = newOrder("first.test", "second.test");
      for (Authorization authorization : order.getAuthorizations()) {
        Http01Challenge challenge =
            authorization.findChallenge(Http01Challenge.class).orElseThrow();
        ChallengeResponder owner =
            authorization.getIdentifier().getDomain().equals("second.test") ? second : responder;
        owner.serve(challenge.getToken(), challenge.getAuthorization());
        challenge.trigger();
        assertThat(challenge.getStatus()).isEqualTo(Status.VALID);
      }
      assertThat(responder.hosts()).containsExactly("first.test:" + responder.port());
      assertThat(second.hosts()).containsExactly("second.test:" + second.port());
    }
  }

  @Test
  void disabledValidationPassesWithoutContactingAnyone() throws Exception {
    server.close();
    server = AcmeServer.builder().http01Port(responder.port()).validation(false).start();
    Http01Challenge challenge = challenge(newOrder("nowhere.test"));
    challenge.trigger();
    assertThat(challenge.getStatus()).isEqualTo(Status.VALID);
    assertThat(responder.hosts()).isEmpty();
  }

  private Order newOrder(String... names) throws Exception {
    return Acme4j.newOrder(server, names);
  }

  private static Http01Challenge challenge(Order order) {
    return order.getAuthorizations().get(0).findChallenge(Http01Challenge.class).orElseThrow();
  }
}
