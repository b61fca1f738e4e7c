package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.Issuance;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

  @RegisterExtension
  static final InProcessAcme acme = InProcessAcme.with(b -> b.clock(CLOCK)).resetBeforeEach();

  @Test
  void directoryAdvertisesTheIssuerDomainNamesLocalAcmeAccepts() throws Exception {
    assertThat(Acme4j.session(acme.server()).getMetadata().getCaaIdentities())
        .containsExactly("localacme", "pebble.letsencrypt.org");
  }

  @Test
  void issuesWhenCaaNamesLocalAcme() throws Exception {
    acme.server()
        .dns()
        .caa("caa-ok.test", "issue", "localacme")
        .caa("caa-ok.test", "iodef", "mailto:x@caa-ok.test");
    Order order = newOrder(acme.newAccount(), "caa-ok.test");

    validate(order);

    assertThat(Issuance.finalizeOrder(order).getCertificate()).isNotNull();
  }

  @Test
  void refusesWhenAParentNamesAnotherCa() throws Exception {
    acme.server().dns().caa("caa-parent.test", "issue", "letsencrypt.org");
    Order order = newOrder(acme.newAccount(), "www.caa-parent.test");

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
    acme.server().dns().caa("caa-none.test", "issue", ";");
    Problem problem = failedValidation(newOrder(acme.newAccount(), "caa-none.test"));

    assertThat(problem.getDetail().orElseThrow()).contains("names no issuer");
  }

  @Test
  void issuewildGovernsWildcardsOnly() throws Exception {
    acme.server()
        .dns()
        .caa("wild-caa.test", "issue", "localacme")
        .caa("wild-caa.test", "issuewild", ";");
    Login login = acme.newAccount();

    validate(newOrder(login, "wild-caa.test"));
    Problem problem = failedValidation(newOrder(login, "*.wild-caa.test"));

    assertThat(problem.getType().toString()).isEqualTo("urn:ietf:params:acme:error:caa");
    assertThat(problem.getDetail().orElseThrow()).contains("for *.wild-caa.test");
  }

  @Test
  void anUnknownCriticalPropertyRefuses() throws Exception {
    acme.server()
        .dns()
        .caa("critical.test", "issue", "localacme")
        .caa("critical.test", 128, "tbs", "x");

    Problem problem = failedValidation(newOrder(acme.newAccount(), "critical.test"));

    assertThat(problem.getDetail().orElseThrow()).contains("critical property \"tbs\"");
  }

  @Test
  void accounturiAuthorizesOnlyThatAccount() throws Exception {
    Login owner = acme.newAccount();
    acme.server()
        .dns()
        .caa("account.test", "issue", "localacme; accounturi=" + owner.getAccount().getLocation());

    validate(newOrder(owner, "account.test"));
    Problem problem = failedValidation(newOrder(acme.newAccount(), "account.test"));

    assertThat(problem.getDetail().orElseThrow())
        .contains("authorizes only account " + owner.getAccount().getLocation());
  }

  @Test
  void validationmethodsMustListTheChallengeUsed() throws Exception {
    acme.server()
        .dns()
        .caa("methods.test", "issue", "localacme; validationmethods=http-01,tls-alpn-01");

    Problem problem = failedValidation(newOrder(acme.newAccount(), "methods.test"));

    assertThat(problem.getDetail().orElseThrow())
        .contains("allows only [http-01, tls-alpn-01], not dns-01");
    acme.server()
        .dns()
        .clearCaa("methods.test")
        .caa("methods.test", "issue", "localacme; validationmethods=dns-01");
    validate(newOrder(acme.newAccount(), "methods.test"));
  }

  @Test
  void aFailedCaaLookupIsADnsProblem() throws Exception {
    acme.server().dns().servfail("broken-caa.test");
    Order order = newOrder(acme.newAccount(), "broken-caa.test");

    Problem problem = failedValidation(order);

    assertThat(problem.getType().toString()).isEqualTo("urn:ietf:params:acme:error:dns");
    assertThat(problem.getDetail().orElseThrow()).contains("CAA lookup", "SERVFAIL");
  }

  @Test
  void isCheckedAgainAtFinalizeOnceTheValidationIsOld() throws Exception {
    Login login = acme.newAccount();
    Order fresh = newOrder(login, "recheck.test");
    Order old = newOrder(login, "recheck-old.test");
    validate(fresh);
    validate(old);
    acme.server().dns().caa("recheck.test", "issue", "letsencrypt.org");
    acme.server().dns().caa("recheck-old.test", "issue", "letsencrypt.org");

    CLOCK.advance(Duration.ofHours(1));
    Issuance.finalizeOrder(fresh);

    CLOCK.advance(Duration.ofHours(8));
    assertThatThrownBy(() -> old.execute(KeyPairs.ec()))
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
    acme.server().dns().txt(challenge.getRRName(authz.getIdentifier()), challenge.getDigest());
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
