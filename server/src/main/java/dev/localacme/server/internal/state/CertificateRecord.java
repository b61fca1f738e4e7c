package dev.localacme.server.internal.state;

import dev.localacme.server.internal.protocol.Identifier;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An issued certificate: the leaf as DER (the chains are the CA's, added on download) and its
 * revocation, if any (RFC 8555 section 7.6; RFC 5280 section 5.3.1 reason codes).
 */
public record CertificateRecord(
    String serial,
    String accountId,
    String orderId,
    byte[] der,
    List<Identifier> identifiers,
    Instant notBefore,
    Instant notAfter,
    Instant revokedAt,
    Integer revocationReason) {

  public CertificateRecord {
    identifiers = List.copyOf(identifiers);
  }

  /** The serial as the lower-case hex id used in URLs and the management API. */
  public static String serialId(BigInteger serial) {
    return serial.toString(16).toLowerCase(Locale.ROOT);
  }

  /**
   * A serial as a user may type it (any case, leading zeros) in the form of {@link #serialId}, or
   * empty when it is not hexadecimal.
   */
  public static java.util.Optional<String> parseSerialId(String hex) {
    String serial = hex == null ? "" : hex.toLowerCase(Locale.ROOT).replaceFirst("^0+(?=.)", "");
    return serial.matches("[0-9a-f]{1,40}")
        ? java.util.Optional.of(serial)
        : java.util.Optional.empty();
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  public CertificateRecord revoked(Instant at, Integer reason) {
    return new CertificateRecord(
        serial, accountId, orderId, der, identifiers, notBefore, notAfter, at, reason);
  }
}
