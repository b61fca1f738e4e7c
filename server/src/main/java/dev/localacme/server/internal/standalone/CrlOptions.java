package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import picocli.CommandLine.Option;

/** Where CRLs are served, and the URL certificates name for them. */
public final class CrlOptions {
  @Option(
      names = "--crl-port",
      defaultValue = "${env:LOCALACME_CRL_PORT:-14080}",
      description =
          "Plain-HTTP port serving CRLs, -1 for none (env LOCALACME_CRL_PORT; default"
              + " ${DEFAULT-VALUE}).")
  int crlPort;

  @Option(
      names = "--crl-base-url",
      defaultValue = "${env:LOCALACME_CRL_BASE_URL}",
      description =
          "Base of the CRL URL printed in certificates, e.g. http://localacme:14080 (env"
              + " LOCALACME_CRL_BASE_URL; default http://localhost:<crl-port>).")
  String crlBaseUrl;

  void configure(AcmeServer.Builder builder) {
    builder.crlPort(crlPort).crlBaseUrl(crlBaseUrl);
  }
}
