package dev.localacme.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localacme.server.internal.domain.ExternalAccountKeys;
import dev.localacme.server.internal.jose.FlattenedJws;
import dev.localacme.server.internal.jose.Jwk;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.Json;
import dev.localacme.server.internal.protocol.ProblemType;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * External account binding (RFC 8555 section 7.3.4) against provisioned MAC keys, with Pebble's
 * problem types: a malformed binding is {@code malformed}, an unknown key id or a wrong MAC {@code
 * unauthorized}, a binding of another key {@code badPublicKey}.
 */
final class EabVerifier implements ExternalAccountBinding {
  private static final Map<String, String> MACS =
      Map.of("HS256", "HmacSHA256", "HS384", "HmacSHA384", "HS512", "HmacSHA512");

  private final ExternalAccountKeys keys;

  EabVerifier(ExternalAccountKeys keys) {
    this.keys = keys;
  }

  @Override
  public Optional<String> verify(AcmeRequest request, JsonNode binding) {
    if (binding == null || binding.isNull()) {
      if (keys.required()) {
        throw AcmeProblem.of(
            ProblemType.EXTERNAL_ACCOUNT_REQUIRED,
            "this server requires an external account binding (RFC 8555 section 7.3.4); register"
                + " with the key id and MAC key you were given");
      }
      return Optional.empty();
    }
    FlattenedJws jws = FlattenedJws.parse(binding, "externalAccountBinding");
    String alg = jws.headerText("alg").orElse("");
    if (!MACS.containsKey(alg)) {
      throw AcmeProblem.malformed(
          "externalAccountBinding must be MACed with HS256, HS384 or HS512, not \"" + alg + "\"");
    }
    if (jws.header().has("nonce")) {
      throw AcmeProblem.malformed("externalAccountBinding must not have a nonce");
    }
    if (!request.url().equals(jws.headerText("url").orElse(null))) {
      throw AcmeProblem.malformed(
          "externalAccountBinding's url must be the newAccount URL, " + request.url());
    }
    String kid =
        jws.headerText("kid")
            .orElseThrow(() -> AcmeProblem.malformed("externalAccountBinding has no \"kid\""));
    byte[] key =
        keys.key(kid)
            .orElseThrow(
                () ->
                    AcmeProblem.unauthorized("external account key id \"" + kid + "\" is unknown"));
    if (!MessageDigest.isEqual(mac(MACS.get(alg), key, jws.signingInput()), jws.signature())) {
      throw AcmeProblem.unauthorized(
          "externalAccountBinding's MAC does not verify with the key of \"" + kid + "\"");
    }
    Jwk bound = Jwk.parse(Json.readObject(jws.payload(), "externalAccountBinding's payload"));
    if (!bound.equals(request.key())) {
      throw AcmeProblem.of(
          ProblemType.BAD_PUBLIC_KEY,
          "externalAccountBinding binds another key than the one this request is signed with");
    }
    return Optional.of(Json.writeString(binding));
  }

  private static byte[] mac(String algorithm, byte[] key, byte[] input) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot compute " + algorithm, e);
    }
  }
}
