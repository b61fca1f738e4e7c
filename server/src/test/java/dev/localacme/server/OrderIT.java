package dev.localacme.server;

import static dev.localacme.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.Chains;
import dev.localacme.server.support.Csrs;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.RawClient;
import dev.localacme.server.support.RawClient.Reply;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;

/** Orders, authorizations, finalize, download and revocation (RFC 8555 sections 7.4 to 7.6). */
class OrderIT {
  @RegisterExtension static final InProcessAcme acme = InProcessAcme.with(b -> b.ordersPerPage(2));

  private static RawClient raw;

  @BeforeAll
  static void client() {
    raw = acme.raw();
  }

  @Test
  void identifiersAreEchoedExactlyAsSentAndCertifiedInLowerCase() throws Exception {
    KeyPair key = KeyPairs.ec();
    String kid = raw.newAccount(key);
    Reply order = newOrder(key, kid, "Mixed.Case.test");
    assertThat(order.status()).isEqualTo(201);
    assertThat(order.header("Location")).contains("/acme/order/");
    assertThat(order.json().path("identifiers").get(0).size())
        .as("only type and value")
        .isEqualTo(2);
    assertThat(order.json().path("identifiers").get(0).path("value").asText())
        .isEqualTo("Mixed.Case.test");
    JsonNode authz =
        raw.post(order.json().path("authorizations").get(0).asText(), "", key, kid).json();
    assertThat(authz.path("identifier").path("value").asText()).isEqualTo("Mixed.Case.test");

    validateAll(key, kid, order.json());
    Reply finalized =
        finalizeWith(
            key, kid, order.json(), Csrs.forNames(KeyPairs.ec(), List.of("mixed.case.test")));
    assertThat(finalized.status()).as(finalized.body()).isEqualTo(200);
    assertThat(finalized.json().path("status").asText()).isEqualTo("valid");
    assertThat(finalized.header("Location")).isEqualTo(order.header("Location"));
    List<X509Certificate> chain = download(key, kid, finalized.json().path("certificate").asText());
    assertThat(chain.get(0).getSubjectAlternativeNames().iterator().next().get(1))
        .isEqualTo("mixed.case.test");
  }

  @Test
  void ed25519AccountCompletesTheWholeFlow() throws Exception {
    KeyPair key = KeyPairs.generate("Ed25519", 0);
    String kid = raw.newAccount(key);
    JsonNode order = newOrder(key, kid, "ed25519.test").json();
    validateAll(key, kid, order);
    Reply finalized =
        finalizeWith(
            key,
            kid,
            order,
            Csrs.forNames(KeyPairs.generate("Ed25519", 0), List.of("ed25519.test")));
    assertThat(finalized.json().path("status").asText()).as(finalized.body()).isEqualTo("valid");
    List<X509Certificate> chain = download(key, kid, finalized.json().path("certificate").asText());
    Chains.verify(chain, acme.server().rootCertificate());
    assertThat(chain.get(0).getPublicKey().getAlgorithm()).isIn("EdDSA", "Ed25519");
    Reply revoked =
        raw.post(raw.url("revokeCert"), revocation(chain.get(0).getEncoded(), 0), key, kid);
    assertThat(revoked.status()).isEqualTo(200);
  }

  @Test
  void notBeforeAndNotAfterAreHonouredInTheCertificate() throws Exception {
    Login login = acme.newAccount();
    Instant notBefore = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = notBefore.plus(10, ChronoUnit.DAYS);
    Order order =
        login
            .getAccount()
            .newOrder()
            .domain("window.test")
            .notBefore(notBefore)
            .notAfter(notAfter)
            .create();
    assertThat(order.getNotBefore()).contains(notBefore);
    X509Certificate leaf = acme.complete(order).getCertificate();
    assertThat(leaf.getNotBefore().toInstant()).isEqualTo(notBefore);
    assertThat(leaf.getNotAfter().toInstant()).isEqualTo(notAfter);
  }

  @Test
  void validityWindowsThatCannotBeHonouredAreRefused() {
    KeyPair key = KeyPairs.ec();
    String kid = raw.newAccount(key);
    String ids = "\"identifiers\":[{\"type\":\"dns\",\"value\":\"w.test\"}]";
    assertProblem(
        post(
            key,
            kid,
            "{"
                + ids
                + ",\"notBefore\":\"2040-01-02T00:00:00Z\",\"notAfter\":\"2040-01-01T00:00:00Z\"}"),
        400,
        "malformed",
        "later than notBefore");
    assertProblem(
        post(key, kid, "{" + ids + ",\"notAfter\":\"2001-01-01T00:00:00Z\"}"),
        400,
        "malformed",
        "in the past");
    assertProblem(
        post(key, kid, "{" + ids + ",\"notAfter\":\"9000-01-01T00:00:00Z\"}"),
        400,
        "malformed",
        "intermediate expires");
    assertProblem(
        post(key, kid, "{" + ids + ",\"notBefore\":\"tomorrow\"}"), 400, "malformed", "RFC 3339");
  }

  @Test
  void badIdentifiersAreRefusedWithTheRightProblem() {
    KeyPair key = KeyPairs.ec();
    String kid = raw.newAccount(key);
    assertProblem(newOrder(key, kid, "a.*.test"), 400, "malformed", "leftmost label");
    assertProblem(newOrder(key, kid, "trailing.test."), 400, "malformed", "trailing dot");
    assertProblem(
        newOrder(key, kid, "127.0.0.1"), 400, "malformed", "type \\\"ip\\\"".replace("\\", ""));
    assertProblem(newOrder(key, kid, "under_score.test"), 400, "malformed", "invalid label");
    assertProblem(newOrder(key, kid, "xn--zz.test"), 400, "malformed", "punycode");
    assertProblem(newOrder(key, kid, "dup.test", "DUP.test"), 400, "malformed", "twice");
    assertProblem(post(key, kid, "{\"identifiers\":[]}"), 400, "malformed", "at least one");
    assertProblem(
        post(key, kid, "{\"identifiers\":[{\"type\":\"email\",\"value\":\"a@b.test\"}]}"),
        400,
        "unsupportedIdentifier",
        "email");
    assertProblem(
        post(key, kid, "{\"identifiers\":[{\"type\":\"ip\",\"value\":\"2001:DB8::1\"}]}"),
        400,
        "malformed",
        "2001:db8::1");
  }

  @Test
  void finalizeBeforeTheOrderIsReadyIsOrderNotReady() {
    KeyPair key = KeyPairs.ec();
    String kid = raw.newAccount(key);
    JsonNode order = newOrder(key, kid, "early.test").json();
    Reply reply =
        finalizeWith(key, kid, order, Csrs.forNames(KeyPairs.ec(), List.of("early.test")));
    assertProblem(reply, 403, "orderNotReady", "pending");
  }

  @Test
  void refusedCsrsLeaveTheOrderReadyForAnotherTry() throws Exception {
    KeyPair key = KeyPairs.ec();
    String kid = raw.newAccount(key);
    JsonNode order = newOrder(key, kid, "csr.test", "www.csr.test").json();
    validateAll(key, kid, order);

    assertProblem(
        finalizeWith(key, kid, order, Csrs.forNames(KeyPairs.ec(), List.of("csr.test"))),
        400,
        "badCSR",
        "missing from the CSR: [www.csr.test]");
    assertProblem(
        finalizeWith(
            key,
            kid,
            order,
            Csrs.forNames(KeyPairs.ec(), List.of("csr.test", "www.csr.test", "evil.test"))),
        400,
        "badCSR",
        "not in the order: [evil.test]");
    assertProblem(
        finalizeWith(key, kid, order, Csrs.forNames(key, List.of("csr.test", "www.csr.test"))),
        400,
        "badCSR",
        "account key");
    assertProblem(
        finalizeWith(
            key,
            kid,
            order,
            Csrs.forNames(KeyPairs.generate("RSA", 1024), List.of("csr.test", "www.csr.test"))),
        400,
        "badCSR",
        "1024 bits");
    assertProblem(
        finalizeWith(key, kid, order, "not a csr".getBytes(StandardCharsets.UTF_8)),
        400,
        "badCSR",
        "PKCS#10");
    byte[] tampered = Csrs.forNames(KeyPairs.ec(), List.of("csr.test", "www.csr.test"));
    tampered[tampered.length - 5] ^= 0x01;
    assertProblem(finalizeWith(key, kid, order, tampered), 400, "badCSR", "signature");

    Reply good =
        finalizeWith(
            key, kid, order, Csrs.forNames(KeyPairs.rsa(), List.of("www.csr.test", "csr.test")));
    assertThat(good.status()).as(good.body()).isEqualTo(200);
    assertThat(good.json().path("status").asText()).isEqualTo("valid");
    assertProblem(
        finalizeWith(
            key, kid, order, Csrs.forNames(KeyPairs.ec(), List.of("csr.test", "www.csr.test"))),
        403,
        "orderNotReady",
        "valid");
  }

  @Test
  void certificateDownloadIsAPemChainLeafFirstForItsAccountOnly() throws Exception {
    KeyPair key = KeyPairs.ec();
    String kid = raw.newAccount(key);
    JsonNode order = newOrder(key, kid, "download.test").json();
    String certificateUrl = issue(key, kid, order, "download.test");

    Reply reply = raw.post(certificateUrl, "", key, kid);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("application/pem-certificate-chain");
    assertThat(reply.body()).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE");
    List<X509Certificate> chain = download(key, kid, certificateUrl);
    assertThat(chain).hasSize(2);
    Chains.verify(chain, acme.server().rootCertificate());
    assertThat(chain.get(1).getSubjectX500Principal())
        .isEqualTo(chain.get(0).getIssuerX500Principal());

    KeyPair other = KeyPairs.ec();
    String otherKid = raw.newAccount(other);
    assertProblem(
        raw.post(certificateUrl, "", other, otherKid), 403, "unauthorized", "another account");
    assertProblem(
        raw.post(order.path("finalize").asText().replace("/finalize", ""), "", other, otherKid),
        403,
        "unauthorized",
        "another account");
  }

  @Test
  void revocationChecksReasonAndWhoAsks() throws Exception {
    KeyPair key = KeyPairs.ec();
    String kid = raw.newAccount(key);
    String certificateUrl =
        issue(key, kid, newOrder(key, kid, "revoke.test").json(), "revoke.test");
    byte[] der = download(key, kid, certificateUrl).get(0).getEncoded();
    String revoke = raw.url("revokeCert");

    assertProblem(
        raw.post(revoke, revocation(der, 7), key, kid),
        400,
        "badRevocationReason",
        "[0, 1, 3, 4, 5, 9]");
    KeyPair other = KeyPairs.ec();
    assertProblem(
        raw.post(revoke, revocation(der, 1), other, raw.newAccount(other)),
        403,
        "unauthorized",
        "did not order");
    assertProblem(
        raw.post(revoke, revocation(der, 1), KeyPairs.ec(), null), 403, "unauthorized", "neither");
    assertProblem(
        raw.post(revoke, revocation("garbage".getBytes(StandardCharsets.UTF_8), 1), key, kid),
        400,
        "malformed",
        "X.509");

    Reply revoked = raw.post(revoke, revocation(der, 4), key, kid);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body()).isEmpty();
    assertThat(acme.server().issuedCertificates())
        .anySatisfy(
            c -> {
              assertThat(c.identifiers()).containsExactly("revoke.test");
              assertThat(c.revocationReason()).isEqualTo(4);
            });
    assertProblem(
        raw.post(revoke, revocation(der, 4), key, kid), 400, "alreadyRevoked", "already revoked");
  }

  @Test
  void ordersListPaginatesWithNextLinksAndOnlyForItsAccount() {
    KeyPair key = KeyPairs.ec();
    String kid = raw.newAccount(key);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(newOrder(key, kid, "page" + i + ".test").header("Location"));
    }
    String ordersUrl = raw.post(kid, "", key, kid).json().path("orders").asText();

    Reply first = raw.post(ordersUrl, "", key, kid);
    List<String> next =
        first.headerValues("Link").stream().filter(l -> l.endsWith(";rel=\"next\"")).toList();
    assertThat(next).hasSize(1);
    String nextUrl = next.get(0).substring(1, next.get(0).indexOf('>'));
    Reply second = raw.post(nextUrl, "", key, kid);

    List<String> listed = new ArrayList<>();
    first.json().path("orders").forEach(o -> listed.add(o.asText()));
    second.json().path("orders").forEach(o -> listed.add(o.asText()));
    assertThat(first.json().path("orders")).hasSize(2);
    assertThat(listed).containsExactlyElementsOf(created);
    assertThat(second.headerValues("Link")).noneMatch(l -> l.contains("rel=\"next\""));
    KeyPair other = KeyPairs.ec();
    assertProblem(
        raw.post(ordersUrl, "", other, raw.newAccount(other)), 403, "unauthorized", "its orders");
  }

  @Test
  void deactivatingAnAuthorizationInvalidatesItsOrder() {
    KeyPair key = KeyPairs.ec();
    String kid = raw.newAccount(key);
    Reply order = newOrder(key, kid, "deactivate.test");
    String authzUrl = order.json().path("authorizations").get(0).asText();

    Reply deactivated = raw.post(authzUrl, "{\"status\":\"deactivated\"}", key, kid);
    assertThat(deactivated.status()).isEqualTo(200);
    assertThat(deactivated.json().path("status").asText()).isEqualTo("deactivated");
    JsonNode after = raw.post(order.header("Location"), "", key, kid).json();
    assertThat(after.path("status").asText()).isEqualTo("invalid");
    assertThat(after.path("error").path("detail").asText())
        .contains("deactivate.test", "deactivated");
    assertProblem(
        raw.post(authzUrl, "{\"status\":\"valid\"}", key, kid), 400, "malformed", "deactivated");
  }

  @Test
  void fetchingAChallengeNeverStartsValidation() {
    KeyPair key = KeyPairs.ec();
    String kid = raw.newAccount(key);
    JsonNode authz =
        raw.post(
                newOrder(key, kid, "fetch-only.test").json().path("authorizations").get(0).asText(),
                "",
                key,
                kid)
            .json();
    String challengeUrl = authz.path("challenges").get(0).path("url").asText();

    Reply fetched = raw.post(challengeUrl, "", key, kid);

    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.json().path("status").asText()).isEqualTo("pending");
    assertThat(fetched.headerValues("Link")).anyMatch(l -> l.contains(";rel=\"up\""));
    assertThat(acme.responder().hosts()).noneMatch(h -> h.startsWith("fetch-only.test"));
    assertThat(acme.server().validationAttempts())
        .noneMatch(a -> a.identifier().equals("fetch-only.test"));
  }

  @Test
  void asynchronousIssuanceAnswersProcessingWithRetryAfter() throws Exception {
    try (AcmeServer async = AcmeServer.builder().validation(false).asyncIssuance(true).start()) {
      Login login = Acme4j.newAccount(async);
      Order order = login.getAccount().newOrder().domain("async.test").create();
      var challenge =
          order.getAuthorizations().get(0).findChallenge(Http01Challenge.class).orElseThrow();
      challenge.trigger();
      assertThat(challenge.getStatus()).isEqualTo(Status.VALID);
      order.execute(KeyPairs.ec());
      assertThat(order.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
      assertThat(
              order
                  .getCertificate()
                  .getCertificate()
                  .getSubjectAlternativeNames()
                  .iterator()
                  .next()
                  .get(1))
          .isEqualTo("async.test");
    }
  }

  private static void validateAll(KeyPair key, String kid, JsonNode order) {
    String thumbprint = RawClient.thumbprint(key.getPublic());
    for (JsonNode authzUrl : order.path("authorizations")) {
      JsonNode authz = raw.post(authzUrl.asText(), "", key, kid).json();
      for (JsonNode challenge : authz.path("challenges")) {
        if (challenge.path("type").asText().equals("http-01")) {
          acme.responder()
              .serve(
                  challenge.path("token").asText(),
                  challenge.path("token").asText() + "." + thumbprint);
          Reply reply = raw.post(challenge.path("url").asText(), "{}", key, kid);
          assertThat(reply.json().path("status").asText()).as(reply.body()).isEqualTo("valid");
        }
      }
    }
  }

  /** Validates the order's authorizations, finalizes it for {@code names}: the certificate URL. */
  private static String issue(KeyPair key, String kid, JsonNode order, String... names) {
    validateAll(key, kid, order);
    Reply finalized = finalizeWith(key, kid, order, Csrs.forNames(KeyPairs.ec(), List.of(names)));
    assertThat(finalized.json().path("status").asText()).as(finalized.body()).isEqualTo("valid");
    return finalized.json().path("certificate").asText();
  }

  private static Reply newOrder(KeyPair key, String kid, String... names) {
    StringBuilder ids = new StringBuilder();
    for (String name : names) {
      ids.append(ids.length() > 0 ? "," : "")
          .append("{\"type\":\"dns\",\"value\":\"")
          .append(name)
          .append("\"}");
    }
    return post(key, kid, "{\"identifiers\":[" + ids + "]}");
  }

  private static Reply post(KeyPair key, String kid, String payload) {
    return raw.post(raw.url("newOrder"), payload, key, kid);
  }

  private static Reply finalizeWith(KeyPair key, String kid, JsonNode order, byte[] csr) {
    return raw.post(
        order.path("finalize").asText(), "{\"csr\":\"" + RawClient.b64(csr) + "\"}", key, kid);
  }

  private static String revocation(byte[] der, int reason) {
    return "{\"certificate\":\"" + RawClient.b64(der) + "\",\"reason\":" + reason + "}";
  }

  @SuppressWarnings("unchecked")
  private static List<X509Certificate> download(KeyPair key, String kid, String url)
      throws Exception {
    Reply reply = raw.post(url, "", key, kid);
    return (List<X509Certificate>)
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(reply.body().getBytes(StandardCharsets.US_ASCII)));
  }
}
