package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.ChallengeResponder;
import dev.localacme.server.support.Issuance;
import dev.localacme.server.support.RawClient;
import dev.localacme.server.support.RawClient.Reply;
import java.security.KeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;

/**
 * Pre-authorization (RFC 8555 section 7.4.1) and authorization reuse (section 7.1.3, Pebble's
 * {@code PEBBLE_AUTHZREUSE}) end to end with acme4j.
 */
class PreAuthorizationIT {
  private static ChallengeResponder responder;
  private static AcmeServer server;
  private static Login login;

  @BeforeAll
  static void start() throws Exception {
    responder = ChallengeResponder.start();
    server = AcmeServer.builder().http01Port(responder.port()).start();
    login = Acme4j.newAccount(server, Acme4j.ecKey());
  }

  @AfterAll
  static void stop() {
    server.close();
    responder.close();
  }

  @Test
  void preAuthorizedNameMakesALaterOrderReadyAtOnce() throws Exception {
    Authorization preauthorization = login.getAccount().preAuthorizeDomain("pre.test");
    assertThat(preauthorization.getStatus()).isEqualTo(Status.PENDING);
    assertThat(preauthorization.getIdentifier().getDomain()).isEqualTo("pre.test");
    Issuance.validate(preauthorization, responder);

    Order order = login.getAccount().newOrder().domain("pre.test").create();

    assertThat(order.getStatus()).isEqualTo(Status.READY);
    assertThat(order.getAuthorizations())
        .extracting(Authorization::getLocation)
        .containsExactly(preauthorization.getLocation());
    assertThat(Issuance.complete(order, responder).getCertificate()).isNotNull();
  }

  @Test
  void newAuthzAnswers201WithLocationAndRefusesWildcards() {
    RawClient raw = new RawClient(server.directoryUri(), server.sslContext());
    KeyPair key = Acme4j.ecKey();
    String kid = raw.newAccount(key);

    Reply created =
        raw.post(
            raw.url("newAuthz"),
            "{\"identifier\":{\"type\":\"dns\",\"value\":\"raw.test\"}}",
            key,
            kid);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).contains("/acme/authz/");
    assertThat(created.json().path("status").asText()).isEqualTo("pending");

    Reply wildcard =
        raw.post(
            raw.url("newAuthz"),
            "{\"identifier\":{\"type\":\"dns\",\"value\":\"*.raw.test\"}}",
            key,
            kid);
    assertThat(wildcard.status()).isEqualTo(400);
    assertThat(wildcard.problemType()).endsWith(":malformed");
    assertThat(wildcard.json().path("detail").asText()).contains("wildcard");
  }

  @Test
  void anotherAccountsPreAuthorizationDoesNotCount() throws Exception {
    Authorization preauthorization = login.getAccount().preAuthorizeDomain("mine.test");
    Issuance.validate(preauthorization, responder);
    Login other = Acme4j.newAccount(server, Acme4j.ecKey());

    Order order = other.getAccount().newOrder().domain("mine.test").create();

    assertThat(order.getStatus()).isEqualTo(Status.PENDING);
  }

  @Test
  void orderAuthorizationsAreNotReusedByDefault() throws Exception {
    Issuance.issue(login, responder, "again.test");

    Order second = login.getAccount().newOrder().domain("again.test").create();

    assertThat(second.getStatus()).isEqualTo(Status.PENDING);
  }

  @Test
  void reusePercentOfHundredReusesEveryValidAuthorization() throws Exception {
    try (AcmeServer reusing =
        AcmeServer.builder().http01Port(responder.port()).authorizationReusePercent(100).start()) {
      Login account = Acme4j.newAccount(reusing, Acme4j.ecKey());
      Order first = account.getAccount().newOrder().domain("reuse.test").create();
      Issuance.complete(first, responder);

      Order second = account.getAccount().newOrder().domains("reuse.test", "new.test").create();

      assertThat(second.getAuthorizations())
          .filteredOn(a -> a.getIdentifier().getDomain().equals("reuse.test"))
          .singleElement()
          .satisfies(
              a ->
                  assertThat(a.getLocation())
                      .isEqualTo(first.getAuthorizations().get(0).getLocation()))
          .satisfies(a -> assertThat(a.getStatus()).isEqualTo(Status.VALID));
      assertThat(second.getStatus()).isEqualTo(Status.PENDING);
    }
  }
}
