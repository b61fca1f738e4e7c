package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.RawClient;
import dev.localacme.server.support.RawClient.Reply;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;

/**
 * Pre-authorization (RFC 8555 section 7.4.1) and authorization reuse (section 7.1.3, Pebble's
 * {@code PEBBLE_AUTHZREUSE}) end to end with acme4j.
 */
class PreAuthorizationIT {
  @RegisterExtension static final InProcessAcme acme = InProcessAcme.create();

  @Test
  void preAuthorizedNameMakesALaterOrderReadyAtOnce() throws Exception {
    Authorization preauthorization = acme.login().getAccount().preAuthorizeDomain("pre.test");
    assertThat(preauthorization.getStatus()).isEqualTo(Status.PENDING);
    assertThat(preauthorization.getIdentifier().getDomain()).isEqualTo("pre.test");
    acme.validate(preauthorization);

    Order order = acme.login().getAccount().newOrder().domain("pre.test").create();

    assertThat(order.getStatus()).isEqualTo(Status.READY);
    assertThat(order.getAuthorizations())
        .extracting(Authorization::getLocation)
        .containsExactly(preauthorization.getLocation());
    assertThat(acme.complete(order).getCertificate()).isNotNull();
  }

  @Test
  void newAuthzAnswers201WithLocationAndRefusesWildcards() {
    RawClient raw = acme.raw();
    KeyPair key = KeyPairs.ec();
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
    Authorization preauthorization = acme.login().getAccount().preAuthorizeDomain("mine.test");
    acme.validate(preauthorization);
    Login other = acme.newAccount();

    Order order = other.getAccount().newOrder().domain("mine.test").create();

    assertThat(order.getStatus()).isEqualTo(Status.PENDING);
  }

  @Test
  void orderAuthorizationsAreNotReusedByDefault() throws Exception {
    acme.issue("again.test");

    Order second = acme.login().getAccount().newOrder().domain("again.test").create();

    assertThat(second.getStatus()).isEqualTo(Status.PENDING);
  }

  @Test
  void reusePercentOfHundredReusesEveryValidAuthorization() throws Exception {
    try (AcmeServer reusing =
        AcmeServer.builder()
            .http01Port(acme.responder().port())
            .authorizationReusePercent(100)
            .start()) {
      Login account = Acme4j.newAccount(reusing);
      Order first = account.getAccount().newOrder().domain("reuse.test").create();
      acme.complete(first);

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
