package dev.localacme.server;

import dev.localacme.server.internal.domain.ExternalAccountKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything an {@link AcmeServer} is started with. Build one with {@link AcmeServer#builder()};
 * the defaults suit tests: loopback, a random port, real validation, no chaos.
 *
 * <p>This record has more components than most because it is the whole surface of the server's
 * settings in one immutable value; the builder documents each. {@code dnsServer} is empty when
 * LocalAcme answers DNS from its own records; {@code challengeTestServer} is null when it is off.
 */
public record AcmeServerConfig(
    String bindHost,
    int port,
    int managementPort,
    int http01Port,
    int tlsAlpn01Port,
    String validationHost,
    Map<String, ValidationTarget> routes,
    String dnsServer,
    List<String> caaIdentities,
    ChallengeTestServerConfig challengeTestServer,
    KeyAlgorithm keyAlgorithm,
    Duration certificateValidity,
    boolean validationEnabled,
    Duration validationConnectTimeout,
    Duration validationReadTimeout,
    Duration validationGrace,
    Duration orderLifetime,
    Duration authorizationLifetime,
    int ordersPerPage,
    int nonceRejectPercent,
    String termsOfService,
    List<String> tlsNames,
    boolean asyncIssuance,
    Path dataDirectory,
    List<String> rootNameConstraints,
    List<String> blockedDomains,
    List<Consumer<AcmeEvent>> listeners,
    Clock clock,
    Map<String, Profile> profiles,
    String defaultProfile,
    boolean externalAccountRequired,
    Map<String, String> externalAccountKeys,
    int alternateRoots,
    int chainLength,
    int authorizationReusePercent,
    int crlPort,
    String crlBaseUrl,
    boolean exposeCaKeys) {

  /**
   * The names a root that is safe to trust may certify: the reserved and special-use development
   * domains (RFC 2606, RFC 6761, RFC 6762, ICANN's {@code internal}) with every name below them,
   * and the loopback addresses.
   */
  public static final List<String> DEVELOPMENT_NAMES =
      List.of("localhost", "test", "internal", "example", "local", "127.0.0.0/8", "::1");

  public AcmeServerConfig {
    Objects.requireNonNull(bindHost, "bindHost");
    ValidationTarget.checkPort(port, "port");
    if (managementPort != -1) {
      ValidationTarget.checkPort(managementPort, "managementPort");
    }
    requirePort(http01Port, "http01Port");
    requirePort(tlsAlpn01Port, "tlsAlpn01Port");
    Objects.requireNonNull(validationHost, "validationHost");
    routes = Map.copyOf(routes);
    Objects.requireNonNull(dnsServer, "dnsServer");
    caaIdentities = List.copyOf(caaIdentities);
    Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    requirePositive(certificateValidity, "certificateValidity");
    requirePositive(validationConnectTimeout, "validationConnectTimeout");
    requirePositive(validationReadTimeout, "validationReadTimeout");
    Objects.requireNonNull(validationGrace, "validationGrace");
    requirePositive(orderLifetime, "orderLifetime");
    requirePositive(authorizationLifetime, "authorizationLifetime");
    if (ordersPerPage < 1) {
      throw new IllegalArgumentException("ordersPerPage must be at least 1, not " + ordersPerPage);
    }
    if (nonceRejectPercent < 0 || nonceRejectPercent > 99) {
      throw new IllegalArgumentException(
          "nonceRejectPercent must be between 0 and 99, not " + nonceRejectPercent);
    }
    tlsNames = List.copyOf(tlsNames);
    rootNameConstraints = List.copyOf(rootNameConstraints);
    blockedDomains = List.copyOf(blockedDomains);
    listeners = List.copyOf(listeners);
    Objects.requireNonNull(clock, "clock");
    profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
    if (!profiles.containsKey(defaultProfile)) {
      throw new IllegalArgumentException(
          "defaultProfile \""
              + defaultProfile
              + "\" is not one of the profiles "
              + profiles.keySet());
    }
    externalAccountKeys = Collections.unmodifiableMap(new LinkedHashMap<>(externalAccountKeys));
    externalAccountKeys.forEach(ExternalAccountKeys::decode);
    if (alternateRoots < 0) {
      throw new IllegalArgumentException("alternateRoots must be 0 or more, not " + alternateRoots);
    }
    if (chainLength < 1) {
      throw new IllegalArgumentException("chainLength must be 1 or more, not " + chainLength);
    }
    if (authorizationReusePercent < 0 || authorizationReusePercent > 100) {
      throw new IllegalArgumentException(
          "authorizationReusePercent must be between 0 and 100, not " + authorizationReusePercent);
    }
    if (crlPort != -1) {
      ValidationTarget.checkPort(crlPort, "crlPort");
    }
    if (crlBaseUrl != null && !crlBaseUrl.matches("http://[^/?#]+")) {
      throw new IllegalArgumentException(
          "crlBaseUrl must be a plain http:// URL with a host and an optional port and no path,"
              + " such as http://localacme:14080, not \""
              + crlBaseUrl
              + "\" (CRL URLs are plain HTTP, CA/B Forum BR section 7.1.2.11.2)");
    }
  }

  private static void requirePort(int port, String name) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be between 1 and 65535, not " + port);
    }
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + duration);
    }
  }
}
