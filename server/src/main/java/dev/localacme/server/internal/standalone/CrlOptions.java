package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Where CRLs are served, and the URL certificates name for them. */
public final class CrlOptions {
  private final OptionSpec crlPort =
      OptionSpec.builder("--crl-port")
          .type(int.class)
          .paramLabel("<crlPort>")
          .defaultValue("${env:LOCALACME_CRL_PORT:-14080}")
          .description(
              "Plain-HTTP port serving CRLs, -1 for none (env LOCALACME_CRL_PORT; default"
                  + " ${DEFAULT-VALUE}).")
          .build();

  private final OptionSpec crlBaseUrl =
      OptionSpec.builder("--crl-base-url")
          .type(String.class)
          .paramLabel("<crlBaseUrl>")
          .defaultValue("${env:LOCALACME_CRL_BASE_URL}")
          .description(
              "Base of the CRL URL printed in certificates, e.g. http://localacme:14080 (env"
                  + " LOCALACME_CRL_BASE_URL; default http://localhost:<crl-port>).")
          .build();

  void addTo(CommandSpec command) {
    command.addOption(crlPort).addOption(crlBaseUrl);
  }

  void configure(AcmeServer.Builder builder) {
    builder.crlPort(crlPort.getValue()).crlBaseUrl(crlBaseUrl.getValue());
  }
}
