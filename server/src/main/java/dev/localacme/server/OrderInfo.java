package dev.localacme.server;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An order as LocalAcme sees it now (RFC 8555 section 7.1.3), for assertions and inspection.
 *
 * @param id the order's id (the last segment of its URL)
 * @param accountId the ordering account's id
 * @param identifiers the identifier values, as ordered
 * @param status {@code pending}, {@code ready}, {@code processing}, {@code valid} or {@code
 *     invalid}
 * @param createdAt when it was placed
 * @param expires when it expires unless finalized
 * @param certificateSerial the serial of its certificate, once valid
 * @param error why it is invalid, when it is
 * @param profile the certificate profile it is issued under (draft-ietf-acme-profiles)
 * @param replaces the ARI certificate identifier of the certificate it replaces (RFC 9773 section
 *     5), or null
 */
public record OrderInfo(
    String id,
    String accountId,
    List<String> identifiers,
    String status,
    Instant createdAt,
    Instant expires,
    String certificateSerial,
    String error,
    String profile,
    String replaces) {

  public OrderInfo {
    identifiers = List.copyOf(identifiers);
  }

  public Optional<String> certificate() {
    return Optional.ofNullable(certificateSerial);
  }

  public Optional<String> problem() {
    return Optional.ofNullable(error);
  }
}
