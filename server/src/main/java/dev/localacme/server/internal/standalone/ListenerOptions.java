package dev.localacme.server.internal.standalone;

import static dev.localacme.server.internal.standalone.OptionValues.checkPort;
import static dev.localacme.server.internal.standalone.OptionValues.first;

import dev.localacme.server.AcmeServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the APIs listen and which ports validation connects to. A Pebble config file's {@code
 * listenAddress}, {@code managementListenAddress}, {@code httpPort} and {@code tlsPort} fill in
 * what the flags and their variables leave open.
 */
public final class ListenerOptions {
  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "${env:LOCALACME_HOST}",
      description = "Address to listen on (env LOCALACME_HOST; default 127.0.0.1).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "${env:LOCALACME_PORT}",
      description = "ACME API port (env LOCALACME_PORT; default 14000).")
  Integer port;

  @Option(
      names = "--management-port",
      paramLabel = "PORT",
      defaultValue = "${env:LOCALACME_MANAGEMENT_PORT}",
      description =
          "Management API port, -1 for none (env LOCALACME_MANAGEMENT_PORT; default 15000).")
  Integer managementPort;

  @Option(
      names = "--http01-port",
      paramLabel = "PORT",
      defaultValue = "${env:LOCALACME_HTTP01_PORT}",
      description =
          "Port http-01 validation connects to (env LOCALACME_HTTP01_PORT; default 5002).")
  Integer http01Port;

  @Option(
      names = "--tls-alpn01-port",
      paramLabel = "PORT",
      defaultValue = "${env:LOCALACME_TLS_ALPN01_PORT}",
      description =
          "Port tls-alpn-01 validation connects to (env LOCALACME_TLS_ALPN01_PORT; default 5001).")
  Integer tlsAlpn01Port;

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
    String bindHost = first(host, listen.map(HostPort::host).orElse(null), "127.0.0.1");
    management
        .filter(m -> host == null && !m.host().equals(bindHost))
        .ifPresent(
            m ->
                notes.add(
                    "both APIs listen on "
                        + bindHost
                        + "; managementListenAddress's host "
                        + m.host()
                        + " is ignored"));
    int apiPort = checkPort("--port", first(port, listen.map(HostPort::port).orElse(null), 14000));
    int managementApiPort =
        first(
            managementPort,
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
                first(http01Port, pebble.map(PebbleConfig::httpPort).orElse(null), 5002)))
        .tlsAlpn01Port(
            checkPort(
                "--tls-alpn01-port",
                first(tlsAlpn01Port, pebble.map(PebbleConfig::tlsPort).orElse(null), 5001)));
  }
}
