package dev.localacme.server;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An ACME account as LocalAcme sees it now (RFC 8555 section 7.1.2), for assertions and inspection.
 *
 * @param id the account's id (the last segment of its URL)
 * @param status {@code valid} or {@code deactivated}
 * @param contact its contact URLs
 * @param key a short description of its key, for example {@code EC P-256}
 * @param externalAccountKid the key id of its external account binding (section 7.3.4), or null
 * @param createdAt when it was created
 */
public record AccountInfo(
    String id,
    String status,
    List<String> contact,
    String key,
    String externalAccountKid,
    Instant createdAt) {

  public AccountInfo {
    contact = List.copyOf(contact);
  }

  public Optional<String> externalAccount() {
    return Optional.ofNullable(externalAccountKid);
  }
}
