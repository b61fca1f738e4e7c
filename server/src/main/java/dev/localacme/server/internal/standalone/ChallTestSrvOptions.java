package dev.localacme.server.internal.standalone;

import dev.localacme.server.ChallengeTestServerConfig;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The main command's switches for the challenge test server in the same process. {@code
 * --challtestsrv} starts it on pebble-challtestsrv's ports; each listener can be moved or, with an
 * empty value, turned off, which also starts it. Every switch has a {@code LOCALACME_CHALLTESTSRV*}
 * environment variable twin.
 */
public final class ChallTestSrvOptions {
  @Option(
      names = "--challtestsrv",
      defaultValue = "${env:LOCALACME_CHALLTESTSRV:-false}",
      description =
          "Run a pebble-challtestsrv replacement in this process (DNS :8053, http-01 :5002, HTTPS"
              + " :5003, tls-alpn-01 :5001, management :8055); LocalAcme then looks records and"
              + " names up in its DNS (env LOCALACME_CHALLTESTSRV).")
  boolean enabled;

  @Option(
      names = {"--challtestsrv-dns", "--challtestsrv-dnsserver", "--challtestsrv-dns01"},
      defaultValue = "${env:LOCALACME_CHALLTESTSRV_DNS}",
      description =
          "Its DNS server's addresses, comma-separated; \"\" turns it off (default :8053).")
  String dns;

  @Option(
      names = "--challtestsrv-http01",
      defaultValue = "${env:LOCALACME_CHALLTESTSRV_HTTP01}",
      description = "Its http-01 responder's addresses; \"\" turns it off (default :5002).")
  String http01;

  @Option(
      names = "--challtestsrv-https01",
      defaultValue = "${env:LOCALACME_CHALLTESTSRV_HTTPS01}",
      description = "Its HTTPS responder's addresses; \"\" turns it off (default :5003).")
  String https01;

  @Option(
      names = "--challtestsrv-tlsalpn01",
      defaultValue = "${env:LOCALACME_CHALLTESTSRV_TLSALPN01}",
      description = "Its tls-alpn-01 responder's addresses; \"\" turns it off (default :5001).")
  String tlsAlpn01;

  @Option(
      names = "--challtestsrv-management",
      defaultValue = "${env:LOCALACME_CHALLTESTSRV_MANAGEMENT}",
      description = "Its management API's address; \"\" turns it off (default :8055).")
  String management;

  @Option(
      names = "--challtestsrv-default-ipv4",
      defaultValue = "${env:LOCALACME_CHALLTESTSRV_DEFAULT_IPV4}",
      description = "Its A answer for names without A records; \"\" for none (default 127.0.0.1).")
  String defaultIpv4;

  @Option(
      names = "--challtestsrv-default-ipv6",
      defaultValue = "${env:LOCALACME_CHALLTESTSRV_DEFAULT_IPV6}",
      description = "Its AAAA answer for names without AAAA records; \"\" for none (default ::1).")
  String defaultIpv6;

  /** The configuration, or null when the challenge test server stays off. */
  ChallengeTestServerConfig config() {
    boolean anySet =
        Arrays.asList(dns, http01, https01, tlsAlpn01, management, defaultIpv4, defaultIpv6)
            .stream()
            .anyMatch(v -> v != null);
    if (!enabled && !anySet) {
      return null;
    }
    ChallengeTestServerConfig defaults = ChallengeTestServerConfig.pebbleDefaults();
    return new ChallengeTestServerConfig(
        dns == null ? defaults.dnsAddresses() : addresses(dns),
        http01 == null ? defaults.http01Addresses() : addresses(http01),
        https01 == null ? defaults.https01Addresses() : addresses(https01),
        tlsAlpn01 == null ? defaults.tlsAlpn01Addresses() : addresses(tlsAlpn01),
        management == null ? defaults.managementAddress() : management.trim(),
        defaultIpv4 == null ? defaults.defaultIpv4() : defaultIpv4.trim(),
        defaultIpv6 == null ? defaults.defaultIpv6() : defaultIpv6.trim());
  }

  /** pebble-challtestsrv's comma-separated address lists; empty entries are dropped. */
  static List<String> addresses(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
