package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.ChallengeTestServerConfig;
import dev.localacme.server.internal.challtestsrv.ChallTestSrv;
import dev.localacme.server.internal.challtestsrv.DnsRecordStore;
import dev.localacme.server.internal.challtestsrv.RequestHistory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar localacme.jar challtestsrv ...}: only the challenge test server, taking
 * pebble-challtestsrv's flags as they are (single or double dash, {@code -flag value} or {@code
 * -flag=value}), so scripts and containers written for it run unchanged. Both spellings of the DNS
 * flag are accepted: {@code -dnsserver} (current) and {@code -dns01} (before v2.10). Addresses
 * without a host listen on every interface, as pebble-challtestsrv's do.
 */
@Command(
    name = "challtestsrv",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Runs only the challenge test server, a replacement for pebble-challtestsrv with its"
            + " flags.")
public final class ChallTestSrvCommand implements Callable<Integer> {
  @Option(
      names = {"-http01", "--http01"},
      defaultValue = ":5002",
      description = "Comma-separated addresses for http-01; \"\" turns it off (${DEFAULT-VALUE}).")
  String http01;

  @Option(
      names = {"-https01", "--https01"},
      defaultValue = ":5003",
      description = "Comma-separated addresses for HTTPS http-01; \"\" off (${DEFAULT-VALUE}).")
  String https01;

  @Option(
      names = {"-tlsalpn01", "--tlsalpn01"},
      defaultValue = ":5001",
      description = "Comma-separated addresses for tls-alpn-01; \"\" off (${DEFAULT-VALUE}).")
  String tlsAlpn01;

  @Option(
      names = {"-dnsserver", "--dnsserver", "-dns01", "--dns01"},
      defaultValue = ":8053",
      description =
          "Comma-separated DNS server addresses, UDP and TCP; \"\" off (${DEFAULT-VALUE}).")
  String dns;

  @Option(
      names = {"-management", "--management"},
      defaultValue = ":8055",
      description = "Address of the management API (${DEFAULT-VALUE}).")
  String management;

  @Option(
      names = {"-defaultIPv4", "--defaultIPv4"},
      defaultValue = "127.0.0.1",
      description = "A answer for names without A records; \"\" for none (${DEFAULT-VALUE}).")
  String defaultIpv4;

  @Option(
      names = {"-defaultIPv6", "--defaultIPv6"},
      defaultValue = "::1",
      description = "AAAA answer for names without AAAA records; \"\" for none (${DEFAULT-VALUE}).")
  String defaultIpv6;

  @Option(
      names = {"-doh", "--doh", "-doh-cert", "--doh-cert", "-doh-cert-key", "--doh-cert-key"},
      description = "Accepted for compatibility; DNS over HTTPS is not offered.")
  String[] doh;

  @Override
  public Integer call() throws InterruptedException {
    Warmup.awaitLogging();
    ChallengeTestServerConfig config =
        new ChallengeTestServerConfig(
            ChallTestSrvOptions.addresses(dns),
            ChallTestSrvOptions.addresses(http01),
            ChallTestSrvOptions.addresses(https01),
            ChallTestSrvOptions.addresses(tlsAlpn01),
            management.trim(),
            defaultIpv4.trim(),
            defaultIpv6.trim());
    ChallTestSrv server;
    try {
      server =
          ChallTestSrv.start(
              config,
              "",
              new DnsRecordStore(config.defaultIpv4(), config.defaultIpv6()),
              new RequestHistory());
    } catch (RuntimeException e) {
      System.err.println("localacme challtestsrv: " + e.getMessage());
      return 1;
    }
    if (doh != null) {
      System.err.println("localacme challtestsrv: DNS over HTTPS (-doh) is not offered; ignored.");
    }
    Shutdown shutdown = Shutdown.onExit("challtestsrv-shutdown", server::close);
    System.out.println("LocalAcme challenge test server " + AcmeServer.version() + " is ready.");
    StartupBanner.printChallengeTestServer(server);
    shutdown.await();
    return 0;
  }
}
