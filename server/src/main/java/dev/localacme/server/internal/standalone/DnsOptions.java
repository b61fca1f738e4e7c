package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The DNS server validation asks for records, CAA and names, and the CAA identities it honours. */
public final class DnsOptions {
  private final OptionSpec dnsServer =
      OptionSpec.builder("--dns-server")
          .type(String.class)
          .paramLabel("<dnsServer>")
          .defaultValue("${env:LOCALACME_DNS_SERVER:-}")
          .description(
              "DNS server (host:port, UDP and TCP) for dns-01 records, CAA and names, as Pebble's"
                  + " -dnsserver; by default LocalAcme's own records (env LOCALACME_DNS_SERVER).")
          .build();

  private final OptionSpec caaIdentities =
      OptionSpec.builder("--caa-identity")
          .type(List.class)
          .auxiliaryTypes(String.class)
          .paramLabel("<caaIdentities>")
          .splitRegex(",")
          .defaultValue("${env:LOCALACME_CAA_IDENTITIES:-localacme,pebble.letsencrypt.org}")
          .description(
              "Issuer domain names CAA records may name to authorize LocalAcme, comma-separated"
                  + " (env LOCALACME_CAA_IDENTITIES; default ${DEFAULT-VALUE}).")
          .build();

  void addTo(CommandSpec command) {
    command.addOption(dnsServer).addOption(caaIdentities);
  }

  void configure(AcmeServer.Builder builder) {
    List<String> identities = caaIdentities.getValue();
    builder.dnsServer(dnsServer.getValue()).caaIdentities(identities.toArray(String[]::new));
  }
}
