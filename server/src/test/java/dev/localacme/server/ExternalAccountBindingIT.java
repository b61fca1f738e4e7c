package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.Problems;
import dev.localacme.server.support.RawClient;
import dev.localacme.server.support.RawClient.Reply;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;

/** External account binding (RFC 8555 section 7.3.4) end to end with acme4j. */
class ExternalAccountBindingIT {
  // Pebble's test configuration's kid-1 key, unpadded base64url.
  private static final String KEY =
      "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
  // 32 bytes: its base64url form ends in one "=" of padding.
  private static final String PADDED_KEY = "b2L8fvkGJvdxZfwWkqyRbbT5vS_Ns6cpyjLxEqc1DqI=";

  @RegisterExtension
  static final InProcessAcme acme =
      InProcessAcme.with(
          b ->
              b.externalAccountRequired(true)
                  .externalAccountKey("kid-1", KEY)
                  .externalAccountKey("padded", PADDED_KEY));

  @Test
  void directoryAdvertisesThatAnExternalAccountIsRequired() throws Exception {
    assertThat(Acme4j.session(acme.server()).getMetadata().isExternalAccountRequired()).isTrue();
  }

  @Test
  void newAccountWithoutBindingIsExternalAccountRequired() {
    assertThatThrownBy(() -> builder().createLogin(Acme4j.session(acme.server())))
        .satisfies(e -> assertThat(Problems.type(e)).isEqualTo("externalAccountRequired"))
        .satisfies(e -> assertThat(Problems.status(e)).isEqualTo(403));
  }

  @ParameterizedTest
  @ValueSource(strings = {"HS256", "HS384", "HS512"})
  void bindingIsVerifiedAndEchoedInTheAccount(String macAlgorithm) throws Exception {
    Login login =
        builder()
            .withKeyIdentifier("kid-1", KEY)
            .withMacAlgorithm(macAlgorithm)
            .createLogin(Acme4j.session(acme.server()));

    Account account = login.getAccount();
    assertThat(account.hasExternalAccountBinding()).isTrue();
    assertThat(account.getKeyIdentifier()).contains("kid-1");
    String id = account.getLocation().getPath().replaceAll(".*/", "");
    assertThat(acme.server().accounts())
        .filteredOn(a -> a.id().equals(id))
        .singleElement()
        .satisfies(a -> assertThat(a.externalAccountKid()).isEqualTo("kid-1"));
  }

  @Test
  void paddedKeysAreAcceptedInConfiguration() throws Exception {
    Login login =
        builder()
            .withKeyIdentifier("padded", PADDED_KEY.replace("=", ""))
            .createLogin(Acme4j.session(acme.server()));

    assertThat(login.getAccount().getKeyIdentifier()).contains("padded");
  }

  @Test
  void wrongMacKeyIsUnauthorized() {
    String wrong = "A" + KEY.substring(1);
    assertThatThrownBy(
            () ->
                builder()
                    .withKeyIdentifier("kid-1", wrong)
                    .createLogin(Acme4j.session(acme.server())))
        .satisfies(e -> assertThat(Problems.type(e)).isEqualTo("unauthorized"))
        .hasMessageContaining("does not verify");
  }

  @Test
  void unknownKeyIdIsUnauthorized() {
    assertThatThrownBy(
            () ->
                builder()
                    .withKeyIdentifier("kid-9", KEY)
                    .createLogin(Acme4j.session(acme.server())))
        .satisfies(e -> assertThat(Problems.type(e)).isEqualTo("unauthorized"))
        .hasMessageContaining("kid-9");
  }

  @Test
  void keyProvisionedThroughTheJavaApiBindsAtOnce() throws Exception {
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
    acme.server().externalAccountKey("runtime-kid", key);

    Login login =
        builder().withKeyIdentifier("runtime-kid", key).createLogin(Acme4j.session(acme.server()));

    assertThat(login.getAccount().getKeyIdentifier()).contains("runtime-kid");
  }

  @Test
  void existingAccountIsFoundWithoutABinding() throws Exception {
    KeyPair key = KeyPairs.ec();
    Login created =
        new AccountBuilder()
            .agreeToTermsOfService()
            .useKeyPair(key)
            .withKeyIdentifier("kid-1", KEY)
            .createLogin(Acme4j.session(acme.server()));

    Login found =
        new AccountBuilder()
            .onlyExisting()
            .useKeyPair(key)
            .createLogin(Acme4j.session(acme.server()));

    assertThat(found.getAccountLocation()).isEqualTo(created.getAccountLocation());
  }

  @Test
  void bindingOfAnotherKeyIsBadPublicKey() throws Exception {
    RawClient raw = acme.raw();
    KeyPair accountKey = KeyPairs.ec();
    String url = raw.url("newAccount");
    ObjectNode payload = new ObjectMapper().createObjectNode();
    payload.put("termsOfServiceAgreed", true);
    payload.set("externalAccountBinding", binding(url, RawClient.jwk(KeyPairs.ec().getPublic())));

    Reply reply = raw.post(url, payload.toString(), accountKey, null);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.problemType()).endsWith(":badPublicKey");
  }

  @Test
  void bindingWithANonceIsMalformed() throws Exception {
    RawClient raw = acme.raw();
    KeyPair accountKey = KeyPairs.ec();
    String url = raw.url("newAccount");
    ObjectNode binding = binding(url, RawClient.jwk(accountKey.getPublic()), "a-nonce");
    ObjectNode payload = new ObjectMapper().createObjectNode();
    payload.put("termsOfServiceAgreed", true);
    payload.set("externalAccountBinding", binding);

    Reply reply = raw.post(url, payload.toString(), accountKey, null);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.problemType()).endsWith(":malformed");
    assertThat(reply.json().path("detail").asText()).contains("nonce");
  }

  private static ObjectNode binding(String url, ObjectNode jwk) throws Exception {
    return binding(url, jwk, null);
  }

  /** An HS256 binding of {@code jwk} with kid-1's key, made without acme4j. */
  private static ObjectNode binding(String url, ObjectNode jwk, String nonce) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode header = json.createObjectNode();
    header.put("alg", "HS256");
    header.put("kid", "kid-1");
    header.put("url", url);
    if (nonce != null) {
      header.put("nonce", nonce);
    }
    String protectedB64 = RawClient.b64(header.toString().getBytes(StandardCharsets.UTF_8));
    String payloadB64 = RawClient.b64(jwk.toString().getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(KEY), "HmacSHA256"));
    byte[] signature =
        mac.doFinal((protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII));
    ObjectNode jws = json.createObjectNode();
    jws.put("protected", protectedB64);
    jws.put("payload", payloadB64);
    jws.put("signature", RawClient.b64(signature));
    return jws;
  }

  private static AccountBuilder builder() {
    return new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairs.ec());
  }
}
