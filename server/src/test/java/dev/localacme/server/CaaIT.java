package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * CAA (RFC 8659, RFC 8657) end to end: records in LocalAcme's DNS allow or refuse issuance, with
 * tree climbing, issuewild, critical properties, accounturi and validationmethods, and a re-check
 * at finalize once the validation is old.
 */
class CaaIT {
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  private static AcmeServer server;

  @BeforeAll
  static void start() {
    server = AcmeServer.builder().clock(CLOCK).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  @Test
  void directoryAdvertisesTheIssuerDomainNamesLocalAcmeAccepts() throws Exception {
    assertThat(Acme4j.session(server).getMetadata().getCaaIdentities())
        .containsExactly("localacme", "pebble.letsencrypt.org");
  }

  @Test
  void issuesWhenCaaNamesLocalAcme() throws Exception {
    server
        .dns()
        .caa("caa-ok.test", "issue", "localacme")
        .caa("caa-ok.test", "iodef", "mailto:x@caa-ok.test");
    Order order = newOrder(Acme4j.newAccount(server, Acme4j.ecKey()), "caa-ok.test");

    validate(order);
    order.execute(Acme4j.ecKey());

    assertThat(order.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
  }

  @Test
  void refusesWhenAParentNamesAnotherCa() throws Exception {
    server.dns().caa("caa-parent.test", "issue", "letsencrypt.org");
    Order order = newOrder(Acme4j.newAccount(server, Acme4j.ecKey()), "www.caa-parent.test");

    Problem problem = failedValidation(order);

    assertThat(problem.getType().toString()).isEqualTo("urn:ietf:params:acme:error:caa");
    assertThat(problem.getDetail().orElseThrow())
        .contains(
            "CAA at caa-parent.test", "\"letsencrypt.org\"", "[localacme, pebble.letsencrypt.org]");
    order.fetch();
    assertThat(order.getStatus()).isEqualTo(Status.INVALID);
  }

  @Test
  void anEmptyIssuerForbidsEveryone() throws Exception {
    server.dns().caa("caa-none.test", "issue", ";");
    Problem problem =
        failedValidation(newOrder(Acme4j.newAccount(server, Acme4j.ecKey()), "caa-none.test"));

    assertThat(problem.getDetail().orElseThrow()).contains("names no issuer");
  }

  @Test
  void issuewildGovernsWildcardsOnly() throws Exception {
    server.dns().caa("wild-caa.test", "issue", "localacme").caa("wild-caa.test", "issuewild", ";");
    Login login = Acme4j.newAccount(server, Acme4j.ecKey());

    validate(newOrder(login, "wild-caa.test"));
    Problem problem = failedValidation(newOrder(login, "*.wild-caa.test"));

    assertThat(problem.getType().toString()).isEqualTo("urn:ietf:params:acme:error:caa");
    assertThat(problem.getDetail().orElseThrow()).contains("for *.wild-caa.test");
  }

  @Test
  void anUnknownCriticalPropertyRefuses() throws Exception {
    server.dns().caa("critical.test", "issue", "localacme").caa("critical.test", 128, "tbs", "x");

    Problem problem =
        failedValidation(newOrder(Acme4j.newAccount(server, Acme4j.ecKey()), "critical.test"));

    assertThat(problem.getDetail().orElseThrow()).contains("critical property \"tbs\"");
  }

  @Test
  void accounturiAuthorizesOnlyThatAccount() throws Exception {
    Login owner = Acme4j.newAccount(server, Acme4j.ecKey());
    server
        .dns()
        .caa("account.test", "issue", "localacme; accounturi=" + owner.getAccount().getLocation());

    validate(newOrder(owner, "account.test"));
    Problem problem =
        failedValidation(newOrder(Acme4j.newAccount(server, Acme4j.ecKey()), "account.test"));

    assertThat(problem.getDetail().orElseThrow())
        .contains("authorizes only account " + owner.getAccount().getLocation());
  }

  @Test
  void validationmethodsMustListTheChallengeUsed() throws Exception {
    server.dns().caa("methods.test", "issue", "localacme; validationmethods=http-01,tls-alpn-01");

    Problem problem =
        failedValidation(newOrder(Acme4j.newAccount(server, Acme4j.ecKey()), "methods.test"));

    assertThat(problem.getDetail().orElseThrow())
        .contains("allows only [http-01, tls-alpn-01], not dns-01");
    server
        .dns()
        .clearCaa("methods.test")
        .caa("methods.test", "issue", "localacme; validationmethods=dns-01");
    validate(newOrder(Acme4j.newAccount(server, Acme4j.ecKey()), "methods.test"));
  }

  @Test
  void aFailedCaaLookupIsADnsProblem() throws Exception {
    server.dns().servfail("broken-caa.test");
    Order order = newOrder(Acme4j.newAccount(server, Acme4j.ecKey()), "broken-caa.test");

    Problem problem = failedValidation(order);

    assertThat(problem.getType().toString()).isEqualTo("urn:ietf:params:acme:error:dns");
    assertThat(problem.getDetail().orElseThrow()).contains("CAA lookup", "SERVFAIL");
  }

  @Test
  void isCheckedAgainAtFinalizeOnceTheValidationIsOld() throws Exception {
    Login login = Acme4j.newAccount(server, Acme4j.ecKey());
    Order fresh = newOrder(login, "recheck.test");
    Order old = newOrder(login, "recheck-old.test");
    validate(fresh);
    validate(old);
    server.dns().caa("recheck.test", "issue", "letsencrypt.org");
    server.dns().caa("recheck-old.test", "issue", "letsencrypt.org");

    CLOCK.advance(Duration.ofHours(1));
    fresh.execute(Acme4j.ecKey());
    assertThat(fresh.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);

    CLOCK.advance(Duration.ofHours(8));
    assertThatThrownBy(() -> old.execute(Acme4j.ecKey()))
        .isInstanceOfSatisfying(
            AcmeServerException.class,
            e -> {
              assertThat(e.getType().toString()).isEqualTo("urn:ietf:params:acme:error:caa");
              assertThat(e.getMessage())
                  .contains("checked again at finalize", "recheck-old.test", "letsencrypt.org");
            });
  }

  private static Order newOrder(Login login, String name) throws Exception {
    return login.getAccount().newOrder().domain(name).create();
  }

  private static Dns01Challenge publish(Order order) {
    Authorization authz = order.getAuthorizations().get(0);
    Dns01Challenge challenge = authz.findChallenge(Dns01Challenge.class).orElseThrow();
    server.dns().txt(challenge.getRRName(authz.getIdentifier()), challenge.getDigest());
    return challenge;
  }

  private static void validate(Order order) throws Exception {
    Dns01Challenge challenge = publish(order);
    challenge.trigger();
    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
  }

  private static Problem failedValidation(Order order) throws Exception {
    Dns01Challenge challenge = publish(order);
    challenge.trigger();
    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.INVALID);
    return challenge.getError().orElseThrow();
  }
}
