package dev.localacme.server.internal.standalone;

import static dev.localacme.server.internal.standalone.OptionValues.on;

import dev.localacme.server.ChallengeTestServerConfig;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The main command's switches for the challenge test server in the same process. {@code
 * --challtestsrv} starts it on pebble-challtestsrv's ports; each listener can be moved or, with an
 * empty value, turned off, which also starts it. Every switch has a {@code LOCALACME_CHALLTESTSRV*}
 * environment variable twin.
 */
public final class ChallTestSrvOptions {
  private final OptionSpec enabled =
      OptionSpec.builder("--challtestsrv")
          .type(boolean.class)
          .defaultValue("${env:LOCALACME_CHALLTESTSRV:-false}")
          .description(
              "Run a pebble-challtestsrv replacement in this process (DNS :8053, http-01 :5002,"
                  + " HTTPS :5003, tls-alpn-01 :5001, management :8055); LocalAcme then looks"
                  + " records and names up in its DNS (env LOCALACME_CHALLTESTSRV).")
          .build();

  private final OptionSpec dns =
      OptionSpec.builder("--challtestsrv-dns", "--challtestsrv-dnsserver", "--challtestsrv-dns01")
          .type(String.class)
          .paramLabel("<dns>")
          .defaultValue("${env:LOCALACME_CHALLTESTSRV_DNS}")
          .description(
              "Its DNS server's addresses, comma-separated; \"\" turns it off (default :8053).")
          .build();

  private final OptionSpec http01 =
      OptionSpec.builder("--challtestsrv-http01")
          .type(String.class)
          .paramLabel("<http01>")
          .defaultValue("${env:LOCALACME_CHALLTESTSRV_HTTP01}")
          .description("Its http-01 responder's addresses; \"\" turns it off (default :5002).")
          .build();

  private final OptionSpec https01 =
      OptionSpec.builder("--challtestsrv-https01")
          .type(String.class)
          .paramLabel("<https01>")
          .defaultValue("${env:LOCALACME_CHALLTESTSRV_HTTPS01}")
          .description("Its HTTPS responder's addresses; \"\" turns it off (default :5003).")
          .build();

  private final OptionSpec tlsAlpn01 =
      OptionSpec.builder("--challtestsrv-tlsalpn01")
          .type(String.class)
          .paramLabel("<tlsAlpn01>")
          .defaultValue("${env:LOCALACME_CHALLTESTSRV_TLSALPN01}")
          .description("Its tls-alpn-01 responder's addresses; \"\" turns it off (default :5001).")
          .build();

  private final OptionSpec management =
      OptionSpec.builder("--challtestsrv-management")
          .type(String.class)
          .paramLabel("<management>")
          .defaultValue("${env:LOCALACME_CHALLTESTSRV_MANAGEMENT}")
          .description("Its management API's address; \"\" turns it off (default :8055).")
          .build();

  private final OptionSpec defaultIpv4 =
      OptionSpec.builder("--challtestsrv-default-ipv4")
          .type(String.class)
          .paramLabel("<defaultIpv4>")
          .defaultValue("${env:LOCALACME_CHALLTESTSRV_DEFAULT_IPV4}")
          .description(
              "Its A answer for names without A records; \"\" for none (default 127.0.0.1).")
          .build();

  private final OptionSpec defaultIpv6 =
      OptionSpec.builder("--challtestsrv-default-ipv6")
          .type(String.class)
          .paramLabel("<defaultIpv6>")
          .defaultValue("${env:LOCALACME_CHALLTESTSRV_DEFAULT_IPV6}")
          .description(
              "Its AAAA answer for names without AAAA records; \"\" for none (default ::1).")
          .build();

  void addTo(CommandSpec command) {
    command
        .addOption(enabled)
        .addOption(dns)
        .addOption(http01)
        .addOption(https01)
        .addOption(tlsAlpn01)
        .addOption(management)
        .addOption(defaultIpv4)
        .addOption(defaultIpv6);
  }

  /** The configuration, or null when the challenge test server stays off. */
  ChallengeTestServerConfig config() {
    String dns = this.dns.getValue();
    String http01 = this.http01.getValue();
    String https01 = this.https01.getValue();
    String tlsAlpn01 = this.tlsAlpn01.getValue();
    String management = this.management.getValue();
    String defaultIpv4 = this.defaultIpv4.getValue();
    String defaultIpv6 = this.defaultIpv6.getValue();
    boolean anySet =
        Arrays.asList(dns, http01, https01, tlsAlpn01, management, defaultIpv4, defaultIpv6)
            .stream()
            .anyMatch(v -> v != null);
    if (!on(enabled) && !anySet) {
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
