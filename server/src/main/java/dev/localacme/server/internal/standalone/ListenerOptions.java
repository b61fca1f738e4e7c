package dev.localacme.server.internal.standalone;

import static dev.localacme.server.internal.standalone.OptionValues.checkPort;
import static dev.localacme.server.internal.standalone.OptionValues.first;

import dev.localacme.server.AcmeServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where the APIs listen and which ports validation connects to. A Pebble config file's {@code
 * listenAddress}, {@code managementListenAddress}, {@code httpPort} and {@code tlsPort} fill in
 * what the flags and their variables leave open.
 */
public final class ListenerOptions {
  private final OptionSpec host =
      OptionSpec.builder("--host")
          .type(String.class)
          .paramLabel("HOST")
          .defaultValue("${env:LOCALACME_HOST}")
          .description("Address to listen on (env LOCALACME_HOST; default 127.0.0.1).")
          .build();

  private final OptionSpec port =
      OptionSpec.builder("--port")
          .type(Integer.class)
          .paramLabel("PORT")
          .defaultValue("${env:LOCALACME_PORT}")
          .description("ACME API port (env LOCALACME_PORT; default 14000).")
          .build();

  private final OptionSpec managementPort =
      OptionSpec.builder("--management-port")
          .type(Integer.class)
          .paramLabel("PORT")
          .defaultValue("${env:LOCALACME_MANAGEMENT_PORT}")
          .description(
              "Management API port, -1 for none (env LOCALACME_MANAGEMENT_PORT; default 15000).")
          .build();

  private final OptionSpec http01Port =
      OptionSpec.builder("--http01-port")
          .type(Integer.class)
          .paramLabel("PORT")
          .defaultValue("${env:LOCALACME_HTTP01_PORT}")
          .description(
              "Port http-01 validation connects to (env LOCALACME_HTTP01_PORT; default 5002).")
          .build();

  private final OptionSpec tlsAlpn01Port =
      OptionSpec.builder("--tls-alpn01-port")
          .type(Integer.class)
          .paramLabel("PORT")
          .defaultValue("${env:LOCALACME_TLS_ALPN01_PORT}")
          .description(
              "Port tls-alpn-01 validation connects to (env LOCALACME_TLS_ALPN01_PORT; default"
                  + " 5001).")
          .build();

  void addTo(CommandSpec command) {
    command
        .addOption(host)
        .addOption(port)
        .addOption(managementPort)
        .addOption(http01Port)
        .addOption(tlsAlpn01Port);
  }

  /**
   * Sets the listeners and validation ports.
   *
   * @param configFile names the file in errors about its addresses
   * @param notes collects what the config asks for that is ignored
   */
  void configure(
      AcmeServer.Builder builder,
      Optional<PebbleConfig> pebble,
      Path configFile,
      List<String> notes) {
    Optional<HostPort> listen =
        pebble
            .map(PebbleConfig::listenAddress)
            .filter(a -> !a.isBlank())
            .map(a -> HostPort.parse(a, "listenAddress in " + configFile));
    Optional<HostPort> management =
        pebble
            .map(PebbleConfig::managementListenAddress)
            .filter(a -> !a.isBlank())
            .map(a -> HostPort.parse(a, "managementListenAddress in " + configFile));
    // A config file without a management address turns the management API off, as in Pebble.
    boolean managementOff =
        pebble
            .map(p -> p.managementListenAddress() == null || p.managementListenAddress().isBlank())
            .orElse(false);
    String hostFlag = host.getValue();
    String bindHost = first(hostFlag, listen.map(HostPort::host).orElse(null), "127.0.0.1");
    management
        .filter(m -> hostFlag == null && !m.host().equals(bindHost))
        .ifPresent(
            m ->
                notes.add(
                    "both APIs listen on "
                        + bindHost
                        + "; managementListenAddress's host "
                        + m.host()
                        + " is ignored"));
    int apiPort =
        checkPort("--port", first(port.getValue(), listen.map(HostPort::port).orElse(null), 14000));
    int managementApiPort =
        first(
            managementPort.getValue(),
            management.map(HostPort::port).orElse(managementOff ? -1 : null),
            15000);
    if (managementApiPort != -1) {
      checkPort("--management-port", managementApiPort);
    }
    builder
        .bindHost(bindHost)
        .port(apiPort)
        .managementPort(managementApiPort)
        .http01Port(
            checkPort(
                "--http01-port",
                first(
                    http01Port.getValue(), pebble.map(PebbleConfig::httpPort).orElse(null), 5002)))
        .tlsAlpn01Port(
            checkPort(
                "--tls-alpn01-port",
                first(
                    tlsAlpn01Port.getValue(),
                    pebble.map(PebbleConfig::tlsPort).orElse(null),
                    5001)));
  }
}
