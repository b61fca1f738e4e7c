package dev.localacme.server;

import java.time.Instant;
import java.util.List;

/**
 * A protocol step LocalAcme took. Listeners registered with {@link
 * AcmeServer.Builder#listener(java.util.function.Consumer)} receive every event, on the thread that
 * took the step; they should return quickly.
 */
public sealed interface AcmeEvent {
  /** When the step happened, by the server's clock. */
  Instant at();

  /** A new account (RFC 8555 section 7.3). */
  record AccountCreated(Instant at, String accountId, String key, List<String> contact)
      implements AcmeEvent {}

  /** An account's contacts changed or it was deactivated (sections 7.3.2, 7.3.6). */
  record AccountUpdated(Instant at, String accountId, String change) implements AcmeEvent {}

  /** An account rolled over to a new key (section 7.3.5). */
  record AccountKeyChanged(Instant at, String accountId, String newKey) implements AcmeEvent {}

  /** A new order (section 7.4). */
  record OrderCreated(Instant at, String orderId, String accountId, List<String> identifiers)
      implements AcmeEvent {}

  /** A pre-authorization for one identifier, outside any order (section 7.4.1). */
  record PreAuthorizationCreated(
      Instant at, String authorizationId, String accountId, String identifier)
      implements AcmeEvent {}

  /** A validation finished, passed or failed (section 8). */
  record ValidationCompleted(Instant at, ValidationAttempt attempt) implements AcmeEvent {}

  /** An authorization was deactivated by its account (section 7.5.2). */
  record AuthorizationDeactivated(Instant at, String authorizationId, String identifier)
      implements AcmeEvent {}

  /** A certificate was issued (section 7.4). */
  record CertificateIssued(
      Instant at, String serial, List<String> identifiers, Instant notAfter, String accountId)
      implements AcmeEvent {}

  /** A certificate was revoked (section 7.6); {@code reason} is an RFC 5280 code or null. */
  record CertificateRevoked(Instant at, String serial, Integer reason) implements AcmeEvent {}
}
