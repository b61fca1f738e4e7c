package dev.localacme.server;

import static dev.localacme.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.RawClient;
import dev.localacme.server.support.RawClient.Reply;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every JWS and request rule of RFC 8555 sections 6.2 to 6.5, each broken on purpose: the right
 * problem type and status, a fresh nonce and the index link on the error, and the server still
 * serving the next good request.
 */
class JwsRulesIT {
  @RegisterExtension static final InProcessAcme acme = InProcessAcme.create();
  private static final KeyPair key = KeyPairs.ec();
  private static RawClient client;
  private static String kid;

  @BeforeAll
  static void account() {
    client = acme.raw();
    kid = client.newAccount(key);
  }

  @AfterEach
  void serverStillServesTheNextGoodRequest() {
    Reply reply = client.post(kid, "", key, kid);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("status").asText()).isEqualTo("valid");
  }

  @ParameterizedTest
  @CsvSource({"EC, 256", "EC, 384", "EC, 521", "RSA, 2048", "Ed25519, 0"})
  void everyAcceptedAlgorithmSignsRequests(String algorithm, int size) {
    KeyPair accountKey = KeyPairs.generate(algorithm, size);
    String accountUrl = client.newAccount(accountKey);
    Reply reply = client.post(accountUrl, "", accountKey, accountUrl);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  @Test
  void compactSerializationIsMalformed() {
    String header = RawClient.b64("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));
    Reply reply = postBody(header + ".e30.c2ln");
    assertProblem(reply, 400, "malformed", "flattened JSON");
  }

  @Test
  void generalSerializationWithSignaturesArrayIsMalformed() {
    ObjectNode jws = signed(client.url("newOrder"), "{}");
    jws.putArray("signatures").add(jws.deepCopy());
    assertProblem(postBody(jws.toString()), 400, "malformed", "signatures");
  }

  @Test
  void unprotectedHeaderIsMalformed() {
    ObjectNode jws = signed(client.url("newOrder"), "{}");
    jws.putObject("header").put("kid", kid);
    assertProblem(postBody(jws.toString()), 400, "malformed", "unprotected");
  }

  @Test
  void algNoneIsBadSignatureAlgorithmListingTheAcceptedOnes() {
    Reply reply = client.post(client.url("newOrder"), "{}", key, kid, h -> h.put("alg", "none"));
    assertProblem(reply, 400, "badSignatureAlgorithm", "none");
    assertThat(reply.json().path("algorithms").toString())
        .contains("ES256", "ES384", "ES512", "RS256", "EdDSA");
  }

  @Test
  void macAlgorithmIsBadSignatureAlgorithm() {
    Reply reply = client.post(client.url("newOrder"), "{}", key, kid, h -> h.put("alg", "HS256"));
    assertProblem(reply, 400, "badSignatureAlgorithm", "HS256");
  }

  @Test
  void algorithmThatDoesNotFitTheKeyIsMalformed() {
    Reply reply = client.post(client.url("newOrder"), "{}", key, kid, h -> h.put("alg", "ES384"));
    assertProblem(reply, 400, "malformed", "does not fit");
  }

  @Test
  void rsaKeyBelow2048BitsIsBadPublicKey() {
    KeyPair small = KeyPairs.generate("RSA", 1024);
    Reply reply =
        client.post(client.url("newAccount"), "{\"termsOfServiceAgreed\":true}", small, null);
    assertProblem(reply, 400, "badPublicKey", "1024");
  }

  @Test
  void urlOtherThanTheRequestedOneIsUnauthorized() {
    String other = client.url("newAccount");
    Reply reply = client.post(client.url("newOrder"), "{}", key, kid, h -> h.put("url", other));
    assertProblem(reply, 403, "unauthorized", "not the URL requested");
  }

  @Test
  void missingNonceIsBadNonce() {
    Reply reply = client.post(client.url("newOrder"), "{}", key, kid, h -> h.remove("nonce"));
    assertProblem(reply, 400, "badNonce", "no anti-replay nonce");
  }

  @Test
  void reusedNonceIsBadNonce() {
    ObjectNode jws = signed(kid, "");
    assertThat(postTo(kid, jws.toString()).status()).isEqualTo(200);
    assertProblem(postTo(kid, jws.toString()), 400, "badNonce", "invalid anti-replay nonce");
  }

  @Test
  void nonceTheServerNeverIssuedIsBadNonce() {
    Reply reply = client.post(kid, "", key, kid, h -> h.put("nonce", "bm90LWEtcmVhbC1ub25jZQ"));
    assertProblem(reply, 400, "badNonce", "invalid anti-replay nonce");
  }

  @Test
  void bothJwkAndKidIsMalformed() {
    Reply reply =
        client.post(
            client.url("newOrder"),
            "{}",
            key,
            kid,
            h -> h.set("jwk", RawClient.jwk(key.getPublic())));
    assertProblem(reply, 400, "malformed", "exactly one of");
  }

  @Test
  void newAccountSignedWithKidIsMalformed() {
    Reply reply =
        client.post(client.url("newAccount"), "{\"termsOfServiceAgreed\":true}", key, kid);
    assertProblem(reply, 400, "malformed", "jwk");
  }

  @Test
  void accountRequestSignedWithJwkIsMalformed() {
    Reply reply = client.post(client.url("newOrder"), "{}", key, null);
    assertProblem(reply, 400, "malformed", "kid");
  }

  @Test
  void unknownKidIsAccountDoesNotExist() {
    String unknown = kid.substring(0, kid.lastIndexOf('/') + 1) + "nobody";
    Reply reply = client.post(client.url("newOrder"), "{}", key, unknown);
    assertProblem(reply, 400, "accountDoesNotExist", "nobody");
  }

  @Test
  void signatureThatDoesNotVerifyIsMalformed() {
    ObjectNode jws = signed(kid, "");
    jws.put("signature", RawClient.b64(new byte[64]));
    assertProblem(postTo(kid, jws.toString()), 400, "malformed", "does not verify");
  }

  @Test
  void paddedBase64IsMalformed() {
    ObjectNode jws = signed(kid, "");
    jws.put("signature", jws.path("signature").asText() + "==");
    assertProblem(postTo(kid, jws.toString()), 400, "malformed", "without padding");
  }

  @Test
  void unencodedPayloadOptionIsMalformed() {
    Reply reply = client.post(kid, "", key, kid, h -> h.put("b64", false));
    assertProblem(reply, 400, "malformed", "b64");
  }

  @Test
  void criticalHeaderIsMalformed() {
    Reply reply = client.post(kid, "", key, kid, h -> h.putArray("crit").add("exp"));
    assertProblem(reply, 400, "malformed", "critical");
  }

  @Test
  void payloadOnAFetchOnlyResourceIsMalformed() {
    Reply order =
        client.post(
            client.url("newOrder"),
            "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"fetch.test\"}]}",
            key,
            kid);
    assertThat(order.status()).isEqualTo(201);
    Reply reply = client.post(order.header("Location"), "{}", key, kid);
    assertProblem(reply, 400, "malformed", "POST-as-GET");
  }

  @Test
  void payloadThatIsNotJsonIsMalformed() {
    Reply reply = client.post(client.url("newOrder"), "{not json", key, kid);
    assertProblem(reply, 400, "malformed", "not valid JSON");
  }

  @Test
  void payloadFieldOfTheWrongTypeIsMalformed() {
    Reply reply = client.post(client.url("newOrder"), "{\"identifiers\":\"app.test\"}", key, kid);
    assertProblem(reply, 400, "malformed", "identifiers");
  }

  @Test
  void wrongContentTypeIsUnsupportedMediaType() {
    Reply reply =
        client.postRaw(
            client.url("newOrder"),
            "application/json",
            signed(client.url("newOrder"), "{}").toString().getBytes(StandardCharsets.UTF_8));
    assertProblem(reply, 415, "malformed", "application/jose+json");
  }

  @Test
  void bodyOverTheLimitIsRefused() {
    Reply reply = client.postRaw(client.url("newOrder"), "application/jose+json", new byte[70_000]);
    assertProblem(reply, 413, "malformed", "larger than");
  }

  @Test
  void plainGetOnAPostOnlyResourceIsMethodNotAllowed() {
    Reply reply = client.get(kid);
    assertProblem(reply, 405, "malformed", "POST-as-GET");
    assertThat(reply.header("Allow")).isEqualTo("POST");
  }

  @Test
  void unknownPathIsNotFoundWithAProblemDocument() {
    Reply reply = client.get(acme.server().directoryUri().resolve("/no/such/thing").toString());
    assertProblem(reply, 404, "malformed", "/dir");
  }

  @Test
  void directoryAnswersPlainGetWithoutIndexLinkAndAtBothPaths() {
    for (String path : new String[] {"/dir", "/directory"}) {
      Reply reply = client.get(acme.server().directoryUri().resolve(path).toString());
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.contentType()).startsWith("application/json");
      assertThat(reply.json().path("newAccount").asText()).startsWith("https://localhost:");
      assertThat(reply.header("Replay-Nonce")).isNotBlank();
      assertThat(reply.headerValues("Link")).noneMatch(l -> l.contains("rel=\"index\""));
    }
  }

  @Test
  void newNonceAnswersHeadWith200AndGetWith204NotCached() {
    Reply head = client.head(client.url("newNonce"));
    Reply get = client.get(client.url("newNonce"));
    assertThat(head.status()).isEqualTo(200);
    assertThat(get.status()).isEqualTo(204);
    for (Reply reply : new Reply[] {head, get}) {
      assertThat(reply.header("Replay-Nonce")).matches("[A-Za-z0-9_-]{22,}");
      assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
      assertThat(reply.headerValues("Link"))
          .contains("<" + acme.server().directoryUri() + ">;rel=\"index\"");
    }
    assertThat(head.header("Replay-Nonce")).isNotEqualTo(get.header("Replay-Nonce"));
  }

  private ObjectNode signed(String url, String payload) {
    return RawClient.jws(client.header(url, key, kid), payload, key.getPrivate());
  }

  private Reply postBody(String body) {
    return postTo(client.url("newOrder"), body);
  }

  private Reply postTo(String url, String body) {
    return client.postRaw(url, "application/jose+json", body.getBytes(StandardCharsets.UTF_8));
  }
}
