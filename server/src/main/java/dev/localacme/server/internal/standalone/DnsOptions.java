package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import java.util.List;
import picocli.CommandLine.Option;

/** The DNS server validation asks for records, CAA and names, and the CAA identities it honours. */
public final class DnsOptions {
  @Option(
      names = "--dns-server",
      defaultValue = "${env:LOCALACME_DNS_SERVER:-}",
      description =
          "DNS server (host:port, UDP and TCP) for dns-01 records, CAA and names, as Pebble's"
              + " -dnsserver; by default LocalAcme's own records (env LOCALACME_DNS_SERVER).")
  String dnsServer;

  @Option(
      names = "--caa-identity",
      split = ",",
      defaultValue = "${env:LOCALACME_CAA_IDENTITIES:-localacme,pebble.letsencrypt.org}",
      description =
          "Issuer domain names CAA records may name to authorize LocalAcme, comma-separated (env"
              + " LOCALACME_CAA_IDENTITIES; default ${DEFAULT-VALUE}).")
  List<String> caaIdentities;

  void configure(AcmeServer.Builder builder) {
    builder.dnsServer(dnsServer).caaIdentities(caaIdentities.toArray(String[]::new));
  }
}
