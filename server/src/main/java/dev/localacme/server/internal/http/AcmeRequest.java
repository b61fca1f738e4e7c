package dev.localacme.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localacme.server.internal.jose.FlattenedJws;
import dev.localacme.server.internal.jose.Jwk;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.Json;
import dev.localacme.server.internal.state.Account;
import java.util.Map;
import java.util.Optional;

/**
 * A verified JWS request (RFC 8555 section 6.2): the signature checked, the nonce spent, the {@code
 * url} matched, and for {@code kid} requests the account found and valid.
 *
 * @param key the key that signed: the {@code jwk}, or the account's key for {@code kid}
 */
public record AcmeRequest(
    Urls urls,
    String url,
    Map<String, String> params,
    FlattenedJws jws,
    Jwk key,
    Optional<Account> signer) {

  /** The account that signed with {@code kid}. */
  public Account account() {
    return signer.orElseThrow(() -> AcmeProblem.malformed("this request must be signed with kid"));
  }

  public String param(String name) {
    return params.get(name);
  }

  public boolean isPostAsGet() {
    return jws.isPostAsGet();
  }

  /** POST-as-GET only: fetching resources takes an empty payload (section 6.3). */
  public void requirePostAsGet() {
    if (!jws.isPostAsGet()) {
      throw AcmeProblem.malformed(
          "this resource is fetched with POST-as-GET: the JWS payload must be the empty string");
    }
  }

  /** The payload as a JSON object. */
  public ObjectNode payloadObject() {
    if (jws.isPostAsGet()) {
      throw AcmeProblem.malformed(
          "this request needs a JSON object as its payload, not POST-as-GET");
    }
    return Json.readObject(jws.payload(), "the JWS payload");
  }

  /** The payload bound to a request record. */
  public <T> T payload(Class<T> type) {
    return Json.bind(payloadObject(), type, "the JWS payload");
  }
}
