package dev.localacme.server.internal.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.Json;
import dev.localacme.server.internal.protocol.ProblemType;
import dev.localacme.server.support.KeyPairs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JwkTest {
  @Test
  void rsaThumbprintMatchesRfc7638Example() {
    // RFC 7638 section 3.1
    Jwk jwk =
        Jwk.parse(
            json(
                "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}"));
    assertThat(jwk.thumbprint()).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  }

  @Test
  void ed25519ThumbprintMatchesRfc8037Example() {
    // RFC 8037 appendix A.3
    Jwk jwk =
        Jwk.parse(
            json(
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}"));
    assertThat(jwk.thumbprint()).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  }

  @Test
  void ed25519SignatureFromRfc8037Verifies() {
    // RFC 8037 appendix A.4
    Jwk jwk =
        Jwk.parse(
            json(
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}"));
    String body =
        "{\"protected\":\"eyJhbGciOiJFZERTQSJ9\",\"payload\":\"RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc\","
            + "\"signature\":\"hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg\"}";
    FlattenedJws jws = FlattenedJws.parse(body.getBytes(StandardCharsets.UTF_8));
    JwsVerifier.verify(jws, jwk);
    assertThat(new String(jws.payload(), StandardCharsets.UTF_8))
        .isEqualTo("Example of Ed25519 signing");
  }

  @Test
  void parsedAndGeneratedKeysAgree() throws Exception {
    Jwk fromKey = Jwk.of(KeyPairs.generate("EC", 384).getPublic());
    Jwk parsed = Jwk.parse(Json.mapper().valueToTree(fromKey.members()));
    assertThat(parsed).isEqualTo(fromKey);
    assertThat(parsed.publicKey()).isEqualTo(fromKey.publicKey());
    assertThat(parsed.describe()).isEqualTo("EC P-384");
    assertThat(parsed.fits(JwsAlgorithm.ES384)).isTrue();
    assertThat(parsed.fits(JwsAlgorithm.ES256)).isFalse();
  }

  @Test
  void pointOffTheCurveIsBadPublicKey() {
    assertBadKey(
        "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE\",\"y\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE\"}",
        "not on curve");
  }

  @Test
  void unusableKeysAreBadPublicKeyWithAReason() {
    assertBadKey("{\"kty\":\"EC\",\"crv\":\"P-192\",\"x\":\"AA\",\"y\":\"AA\"}", "P-192");
    assertBadKey("{\"kty\":\"oct\",\"k\":\"AA\"}", "private key");
    assertBadKey("{\"kty\":\"OKP\",\"crv\":\"Ed448\",\"x\":\"AA\"}", "Ed448");
    assertBadKey("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}", "2048");
    assertBadKey("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAA\",\"y\":\"AAAA\"}", "32 bytes");
    assertBadKey("{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":\"AA\"}", "private key");
  }

  private static void assertBadKey(String json, String detail) {
    assertThatThrownBy(() -> Jwk.parse(json(json)))
        .isInstanceOfSatisfying(
            AcmeProblem.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.BAD_PUBLIC_KEY);
              assertThat(p.detail()).contains(detail);
            });
  }

  private static JsonNode json(String text) {
    return Json.readObject(text.getBytes(StandardCharsets.UTF_8), "test");
  }
}
