package dev.localacme.server;

import java.time.Duration;
import java.util.Objects;

/**
 * A certificate profile a client may choose in newOrder (<a
 * href="https://datatracker.ietf.org/doc/draft-ietf-acme-profiles/">draft-ietf-acme-profiles</a>
 * section 4). The profile, not the CSR, decides what the certificate says beyond its names and key.
 *
 * <pre>{@code
 * AcmeServer.builder().profile("tiny", new Profile("one hour", Duration.ofHours(1), false))
 * }</pre>
 *
 * @param description what the directory's {@code meta.profiles} says about it: a sentence or a URL
 * @param validity how long its certificates are valid, from a second to many years (the
 *     intermediate's own expiry caps it)
 * @param commonName whether the first identifier also becomes the subject's common name, as in
 *     Let's Encrypt's {@code classic} profile; otherwise the subject is empty
 */
public record Profile(String description, Duration validity, boolean commonName) {

  /** The built-in {@code default} profile: 90 days, no common name. */
  public static final Profile DEFAULT =
      new Profile(
          "90-day certificates, as Let's Encrypt's classic profile", Duration.ofDays(90), false);

  /** The built-in {@code shortlived} profile: 6 days, no common name, as Let's Encrypt's. */
  public static final Profile SHORT_LIVED =
      new Profile(
          "6-day certificates, as Let's Encrypt's shortlived profile", Duration.ofDays(6), false);

  public Profile {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(validity, "validity");
    if (validity.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "a profile's validity must be at least one second, not " + validity);
    }
  }

  /** This profile with another validity. */
  public Profile withValidity(Duration newValidity) {
    return new Profile(description, newValidity, commonName);
  }
}
