package dev.localacme.server;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A certificate LocalAcme issued, for assertions and inspection.
 *
 * @param serial the serial number in lower-case hex, as in the management API
 * @param identifiers the identifier values it certifies, as ordered
 * @param certificate the leaf certificate
 * @param chain the default chain as downloaded: the leaf, then the intermediates (no root)
 * @param accountId the ordering account's id (the last segment of its URL)
 * @param orderId the order's id
 * @param revokedAt when it was revoked, or null
 * @param revocationReason the RFC 5280 reason code given on revocation, or null
 */
public record IssuedCertificate(
    String serial,
    List<String> identifiers,
    X509Certificate certificate,
    List<X509Certificate> chain,
    String accountId,
    String orderId,
    Instant revokedAt,
    Integer revocationReason) {

  public IssuedCertificate {
    identifiers = List.copyOf(identifiers);
    chain = List.copyOf(chain);
  }

  public Instant notBefore() {
    return certificate.getNotBefore().toInstant();
  }

  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  public Optional<Instant> revoked() {
    return Optional.ofNullable(revokedAt);
  }
}
