package dev.localacme.server;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where the challenge test server listens, and its default DNS answers. Addresses are written as
 * pebble-challtestsrv takes them: {@code host:port}, {@code [v6]:port}, or {@code :port} for the
 * server's bind address. An empty list (or an empty management address) turns that listener off.
 *
 * @param dnsAddresses DNS server, UDP and TCP (pebble-challtestsrv {@code -dnsserver}, {@code
 *     :8053})
 * @param http01Addresses plain-HTTP http-01 responder ({@code -http01}, {@code :5002})
 * @param https01Addresses HTTPS http-01 responder ({@code -https01}, {@code :5003})
 * @param tlsAlpn01Addresses tls-alpn-01 responder ({@code -tlsalpn01}, {@code :5001})
 * @param managementAddress management API ({@code -management}, {@code :8055})
 * @param defaultIpv4 the A answer for names without A records ({@code -defaultIPv4}); empty for
 *     none
 * @param defaultIpv6 the AAAA answer for names without AAAA records ({@code -defaultIPv6}); empty
 *     for none
 */
public record ChallengeTestServerConfig(
    List<String> dnsAddresses,
    List<String> http01Addresses,
    List<String> https01Addresses,
    List<String> tlsAlpn01Addresses,
    String managementAddress,
    String defaultIpv4,
    String defaultIpv6) {

  public ChallengeTestServerConfig {
    dnsAddresses = List.copyOf(dnsAddresses);
    http01Addresses = List.copyOf(http01Addresses);
    https01Addresses = List.copyOf(https01Addresses);
    tlsAlpn01Addresses = List.copyOf(tlsAlpn01Addresses);
    Objects.requireNonNull(managementAddress, "managementAddress");
    Objects.requireNonNull(defaultIpv4, "defaultIpv4");
    Objects.requireNonNull(defaultIpv6, "defaultIpv6");
  }

  /** pebble-challtestsrv's ports (DNS 8053, http-01 5002, HTTPS 5003, tls-alpn-01 5001, 8055). */
  public static ChallengeTestServerConfig pebbleDefaults() {
    return new ChallengeTestServerConfig(
        List.of(":8053"),
        List.of(":5002"),
        List.of(":5003"),
        List.of(":5001"),
        ":8055",
        "127.0.0.1",
        "::1");
  }

  /** Every listener on a free loopback port, as tests should run it. */
  public static ChallengeTestServerConfig ephemeralPorts() {
    String any = "127.0.0.1:0";
    return new ChallengeTestServerConfig(
        List.of(any), List.of(any), List.of(any), List.of(any), any, "127.0.0.1", "::1");
  }

  /** The DNS server's addresses; none turns it off. */
  public ChallengeTestServerConfig withDns(String... addresses) {
    return new ChallengeTestServerConfig(
        list(addresses),
        http01Addresses,
        https01Addresses,
        tlsAlpn01Addresses,
        managementAddress,
        defaultIpv4,
        defaultIpv6);
  }

  /** The http-01 responder's addresses; none turns it off. */
  public ChallengeTestServerConfig withHttp01(String... addresses) {
    return new ChallengeTestServerConfig(
        dnsAddresses,
        list(addresses),
        https01Addresses,
        tlsAlpn01Addresses,
        managementAddress,
        defaultIpv4,
        defaultIpv6);
  }

  /** The HTTPS responder's addresses; none turns it off. */
  public ChallengeTestServerConfig withHttps01(String... addresses) {
    return new ChallengeTestServerConfig(
        dnsAddresses,
        http01Addresses,
        list(addresses),
        tlsAlpn01Addresses,
        managementAddress,
        defaultIpv4,
        defaultIpv6);
  }

  /** The tls-alpn-01 responder's addresses; none turns it off. */
  public ChallengeTestServerConfig withTlsAlpn01(String... addresses) {
    return new ChallengeTestServerConfig(
        dnsAddresses,
        http01Addresses,
        https01Addresses,
        list(addresses),
        managementAddress,
        defaultIpv4,
        defaultIpv6);
  }

  /** The management API's address; empty turns it off. */
  public ChallengeTestServerConfig withManagement(String address) {
    return new ChallengeTestServerConfig(
        dnsAddresses,
        http01Addresses,
        https01Addresses,
        tlsAlpn01Addresses,
        address,
        defaultIpv4,
        defaultIpv6);
  }

  /** The default A and AAAA answers; empty strings answer none. */
  public ChallengeTestServerConfig withDefaultAddresses(String ipv4, String ipv6) {
    return new ChallengeTestServerConfig(
        dnsAddresses,
        http01Addresses,
        https01Addresses,
        tlsAlpn01Addresses,
        managementAddress,
        ipv4,
        ipv6);
  }

  /** Whether the DNS server runs. */
  public boolean dnsEnabled() {
    return !dnsAddresses.isEmpty();
  }

  private static List<String> list(String... addresses) {
    return Arrays.stream(addresses).map(String::trim).filter(a -> !a.isEmpty()).toList();
  }
}
