package dev.localacme.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;

/** The handle's DNS records stand in for a system under test's DNS provider in dns-01. */
@ExtendWith(LocalAcme.class)
class DnsRecordsTest {
  @Test
  void aTxtRecordSetThroughTheHandleValidatesDns01(LocalAcme acme) throws Exception {
    KeyPairGenerator keys = KeyPairGenerator.getInstance("EC");
    keys.initialize(new ECGenParameterSpec("secp256r1"));
    Login login =
        new AccountBuilder()
            .agreeToTermsOfService()
            .useKeyPair(keys.generateKeyPair())
            .createLogin(new Session(acme.acme4jUri()));
    Order order = login.getAccount().newOrder().domain("*.dns-provider.test").create();
    Authorization authz = order.getAuthorizations().get(0);
    Dns01Challenge challenge = authz.findChallenge(Dns01Challenge.class).orElseThrow();

    acme.dns().txt(challenge.getRRName(authz.getIdentifier()), challenge.getDigest());
    challenge.trigger();

    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
    assertThat(acme.validationAttempts("dns-provider.test"))
        .singleElement()
        .satisfies(attempt -> assertThat(attempt.challengeType()).isEqualTo("dns-01"));
  }
}
