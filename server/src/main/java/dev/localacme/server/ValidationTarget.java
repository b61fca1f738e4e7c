package dev.localacme.server;

import java.util.Objects;

/**
 * Where LocalAcme connects to validate an identifier: a host (name or IP literal) and the ports for
 * http-01 and tls-alpn-01. A port of 0 means "the server's current default port".
 *
 * <p>Routes let several systems under test share one LocalAcme without sharing a port, for example
 * {@code server.route("api.test", ValidationTarget.of("127.0.0.1", 8081))}.
 */
public record ValidationTarget(String host, int http01Port, int tlsAlpn01Port) {
  public ValidationTarget {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    checkPort(http01Port, "http01Port");
    checkPort(tlsAlpn01Port, "tlsAlpn01Port");
  }

  /** A target for http-01 on {@code http01Port}, with the default tls-alpn-01 port. */
  public static ValidationTarget of(String host, int http01Port) {
    return new ValidationTarget(host, http01Port, 0);
  }

  /** A target on the default ports. */
  public static ValidationTarget host(String host) {
    return new ValidationTarget(host, 0, 0);
  }

  static void checkPort(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be between 0 and 65535, not " + port);
    }
  }
}
