package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.KeyAlgorithm;
import dev.localacme.server.Profile;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a Pebble config file sets beyond the listeners and ports: the key algorithm, the blocklist,
 * profiles, external account binding and CAA identities; and what it asks for that LocalAcme does
 * differently, as notes for the start-up log.
 */
public final class PebbleSettings {
  private PebbleSettings() {}

  /** {@code keyAlgorithm}: {@code rsa} (RSA 2048) or {@code ecdsa} (P-256); null if absent. */
  public static KeyAlgorithm keyAlgorithm(PebbleConfig pebble) {
    if (pebble == null || pebble.keyAlgorithm() == null || pebble.keyAlgorithm().isBlank()) {
      return null;
    }
    return switch (pebble.keyAlgorithm().trim().toLowerCase(Locale.ROOT)) {
      case "rsa" -> KeyAlgorithm.RSA_2048;
      case "ecdsa" -> KeyAlgorithm.EC_P256;
      default ->
          throw new IllegalArgumentException(
              "config: keyAlgorithm must be \"rsa\" or \"ecdsa\", not \""
                  + pebble.keyAlgorithm()
                  + "\"");
    };
  }

  /**
   * Applies the config on top of the flags.
   *
   * @param caaIdentitiesGiven whether the user chose CAA identities by flag or variable, which then
   *     win over the config's
   */
  public static void apply(
      AcmeServer.Builder builder,
      PebbleConfig pebble,
      boolean caaIdentitiesGiven,
      List<String> notes) {
    if (pebble.certificate() != null || pebble.privateKey() != null) {
      notes.add(
          "config: certificate/privateKey ignored; the ACME API's certificate chains to"
              + " LocalAcme's own root");
    }
    if (pebble.ocspResponderURL() != null && !pebble.ocspResponderURL().isBlank()) {
      notes.add("config: ocspResponderURL ignored; LocalAcme publishes no OCSP");
    }
    if (pebble.retryAfter() != null) {
      notes.add("config: retryAfter not supported; LocalAcme sends Retry-After: 2 on polls");
    }
    if (pebble.domainBlocklist() != null && !pebble.domainBlocklist().isEmpty()) {
      builder.blockedDomains(pebble.domainBlocklist());
    }
    if (pebble.caaIdentities() != null && !caaIdentitiesGiven) {
      builder.caaIdentities(pebble.caaIdentities().toArray(String[]::new));
    }
    if (Boolean.TRUE.equals(pebble.externalAccountBindingRequired())) {
      builder.externalAccountRequired(true);
    }
    if (pebble.externalAccountMACKeys() != null) {
      pebble.externalAccountMACKeys().forEach(builder::externalAccountKey);
    }
    if (pebble.profiles() != null) {
      pebble.profiles().forEach((name, p) -> builder.profile(name, profile(name, p)));
    }
  }

  /** Pebble's rule: no validity period, or one out of range, means 90 days. */
  private static Profile profile(String name, PebbleConfig.Profile p) {
    long seconds = p.validityPeriod() == null ? 0 : p.validityPeriod();
    Duration validity =
        seconds <= 0 || seconds > Duration.ofDays(365 * 100).toSeconds()
            ? Profile.DEFAULT.validity()
            : Duration.ofSeconds(seconds);
    return new Profile(
        p.description() == null ? name : p.description(),
        validity,
        Boolean.TRUE.equals(p.promoteCommonName()));
  }
}
