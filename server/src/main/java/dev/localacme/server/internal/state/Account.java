package dev.localacme.server.internal.state;

import dev.localacme.server.internal.jose.Jwk;
import dev.localacme.server.internal.protocol.Status;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An ACME account (RFC 8555 section 7.1.2). {@code externalAccountBinding} is the verified EAB JWS
 * as JSON text, echoed back to the client, or null.
 */
public record Account(
    String id,
    Jwk key,
    Status status,
    List<String> contact,
    boolean termsOfServiceAgreed,
    String externalAccountBinding,
    Instant createdAt) {

  public Account {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    contact = List.copyOf(contact);
  }

  public static Account create(
      Jwk key, List<String> contact, boolean tosAgreed, String eab, Instant now) {
    return new Account(Ids.random(), key, Status.VALID, contact, tosAgreed, eab, now);
  }

  public boolean isValid() {
    return status == Status.VALID;
  }

  public Account withContact(List<String> newContact) {
    return new Account(
        id, key, status, newContact, termsOfServiceAgreed, externalAccountBinding, createdAt);
  }

  public Account withKey(Jwk newKey) {
    return new Account(
        id, newKey, status, contact, termsOfServiceAgreed, externalAccountBinding, createdAt);
  }

  /** RFC 8555 section 7.3.6: there is no way back. */
  public Account deactivated() {
    return new Account(
        id,
        key,
        Status.DEACTIVATED,
        contact,
        termsOfServiceAgreed,
        externalAccountBinding,
        createdAt);
  }
}
