package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.Management;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;

/**
 * LocalAcme with its challenge test server in the same process, driven as Pebble users drive
 * pebble-challtestsrv: through its management API. LocalAcme looks records and names up in its DNS.
 */
class ChallengeTestServerIT {
  @RegisterExtension
  static final InProcessAcme acme =
      InProcessAcme.with(b -> b.challengeTestServer(ChallengeTestServerConfig.ephemeralPorts()))
          .resetBeforeEach();

  private static ChallengeTestServer cts;
  private static Management management;

  @BeforeAll
  static void challengeTestServer() {
    cts = acme.server().challengeTestServer().orElseThrow();
    management = new Management(cts.managementUri());
  }

  @BeforeEach
  void validateAgainstTheChallengeTestServer() {
    acme.server().http01Port(cts.http01Port()).tlsAlpn01Port(cts.tlsAlpn01Port());
  }

  @Test
  void dns01ReadsTheTxtRecordSetThroughTheManagementApi() throws Exception {
    Authorization authz = authorization(Identifier.dns("cts-dns.test"));
    Dns01Challenge challenge = authz.findChallenge(Dns01Challenge.class).orElseThrow();
    management.ok(
        "/set-txt",
        "{\"host\":\"_acme-challenge.cts-dns.test.\",\"value\":\"" + challenge.getDigest() + "\"}");

    assertValid(challenge);
    assertThat(
            management
                .post("/dns-request-history", "{\"host\":\"_acme-challenge.cts-dns.test\"}")
                .body())
        .contains("\"Qtype\":16");
  }

  @Test
  void http01IsAnsweredByItsResponder() throws Exception {
    Authorization authz = authorization(Identifier.dns("cts-http.test"));
    Http01Challenge challenge = authz.findChallenge(Http01Challenge.class).orElseThrow();
    management.ok(
        "/add-http01",
        "{\"token\":\""
            + challenge.getToken()
            + "\",\"content\":\""
            + challenge.getAuthorization()
            + "\"}");

    assertValid(challenge);
    assertThat(management.post("/http-request-history", "{\"host\":\"cts-http.test\"}").body())
        .contains("\"Host\":\"cts-http.test:" + cts.http01Port() + "\"", "LocalAcme-VA/");
  }

  @Test
  void tlsAlpn01IsAnsweredByItsResponderForNamesAndIpAddresses() throws Exception {
    Authorization named = authorization(Identifier.dns("cts-alpn.test"));
    TlsAlpn01Challenge forName = named.findChallenge(TlsAlpn01Challenge.class).orElseThrow();
    cts.tlsAlpn01("cts-alpn.test", forName.getAuthorization());
    assertValid(forName);

    Authorization ip = authorization(new Identifier(Identifier.TYPE_IP, "127.0.0.1"));
    TlsAlpn01Challenge forIp = ip.findChallenge(TlsAlpn01Challenge.class).orElseThrow();
    management.ok(
        "/add-tlsalpn01",
        "{\"host\":\"1.0.0.127.in-addr.arpa\",\"content\":\"" + forIp.getAuthorization() + "\"}");
    assertValid(forIp);
  }

  @Test
  void namesResolveThroughItsDnsAlone() throws Exception {
    management.ok("/set-default-ipv4", "{\"ip\":\"\"}");
    management.ok("/set-default-ipv6", "{\"ip\":\"\"}");
    Authorization authz = authorization(Identifier.dns("unresolved.test"));
    Http01Challenge challenge = authz.findChallenge(Http01Challenge.class).orElseThrow();
    cts.http01(challenge.getToken(), challenge.getAuthorization());

    challenge.trigger();
    assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.INVALID);
    Problem problem = challenge.getError().orElseThrow();
    assertThat(problem.getType().toString()).isEqualTo("urn:ietf:params:acme:error:dns");
    assertThat(problem.getDetail().orElseThrow())
        .contains("the challenge test server's DNS has no A or AAAA record");

    management.ok("/add-a", "{\"host\":\"resolved.test\",\"addresses\":[\"127.0.0.1\"]}");
    Authorization resolved = authorization(Identifier.dns("resolved.test"));
    Http01Challenge second = resolved.findChallenge(Http01Challenge.class).orElseThrow();
    cts.http01(second.getToken(), second.getAuthorization());
    assertValid(second);
  }

  @Test
  void anotherLocalAcmeCanAskItsDnsServerOverTheNetwork() throws Exception {
    try (AcmeServer remote = AcmeServer.builder().dnsServer("127.0.0.1:" + cts.dnsPort()).start()) {
      Order order = Acme4j.newOrder(remote, "over-udp.test");
      Authorization authz = order.getAuthorizations().get(0);
      Dns01Challenge challenge = authz.findChallenge(Dns01Challenge.class).orElseThrow();
      // More than dnsjava's EDNS payload of 1280 bytes: the UDP answer is truncated and the lookup
      // is retried over TCP.
      for (int i = 0; i < 40; i++) {
        cts.dns().txt("_acme-challenge.over-udp.test", "padding-" + "x".repeat(40) + i);
      }
      cts.dns().txt("_acme-challenge.over-udp.test", challenge.getDigest());

      assertValid(challenge);
      assertThat(remote.validationAttempts())
          .last()
          .satisfies(a -> assertThat(a.target()).contains("DNS server 127.0.0.1:" + cts.dnsPort()));
    }
  }

  private static Authorization authorization(Identifier identifier) throws Exception {
    Order order = acme.newAccount().getAccount().newOrder().identifier(identifier).create();
    return order.getAuthorizations().get(0);
  }

  private static void assertValid(Challenge challenge) throws Exception {
    challenge.trigger();
    Status status = challenge.waitForCompletion(Duration.ofSeconds(10));
    assertThat(status)
        .as(() -> challenge.getError().map(Problem::toString).orElse("no error"))
        .isEqualTo(Status.VALID);
  }
}
