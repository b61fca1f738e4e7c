package dev.localacme.server;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The standalone LocalAcme: {@code java -jar localacme.jar}. Pebble's defaults (ACME API on 14000,
 * management API on 15000, http-01 to 5002), loopback only unless told otherwise. Every flag has a
 * {@code LOCALACME_*} environment variable twin.
 */
@Command(
    name = "localacme",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A local ACME (RFC 8555) certificate authority for tests and development.")
public final class Main implements Callable<Integer> {

  @Option(
      names = "--host",
      defaultValue = "${env:LOCALACME_HOST:-127.0.0.1}",
      description = "Address to listen on (env LOCALACME_HOST; default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "${env:LOCALACME_PORT:-14000}",
      description = "ACME API port (env LOCALACME_PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--management-port",
      defaultValue = "${env:LOCALACME_MANAGEMENT_PORT:-15000}",
      description =
          "Management API port, -1 for none (env LOCALACME_MANAGEMENT_PORT; default ${DEFAULT-VALUE}).")
  int managementPort;

  @Option(
      names = "--http01-port",
      defaultValue = "${env:LOCALACME_HTTP01_PORT:-5002}",
      description =
          "Port http-01 validation connects to (env LOCALACME_HTTP01_PORT; default ${DEFAULT-VALUE}).")
  int http01Port;

  @Option(
      names = "--tls-alpn01-port",
      defaultValue = "${env:LOCALACME_TLS_ALPN01_PORT:-5001}",
      description =
          "Port tls-alpn-01 validation connects to (env LOCALACME_TLS_ALPN01_PORT; default ${DEFAULT-VALUE}).")
  int tlsAlpn01Port;

  public static void main(String[] args) {
    configureLogging();
    CommandLine command = new CommandLine(new Main());
    command.setParameterExceptionHandler(
        (e, a) -> {
          System.err.println("localacme: " + e.getMessage() + " (see --help)");
          return 2;
        });
    System.exit(command.execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    AcmeServer server;
    try {
      server =
          AcmeServer.builder()
              .bindHost(host)
              .port(port)
              .managementPort(managementPort)
              .http01Port(http01Port)
              .tlsAlpn01Port(tlsAlpn01Port)
              .build()
              .start();
    } catch (RuntimeException e) {
      System.err.println("localacme: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "localacme-shutdown"));
    System.out.println("LocalAcme " + AcmeServer.version() + " is ready.");
    System.out.println("  ACME directory:   " + server.directoryUri());
    if (server.managementPort() > 0) {
      System.out.println(
          "  Root certificate: https://localhost:" + server.managementPort() + "/roots/0");
    }
    System.out.println(
        "  Validation:       http-01 to port "
            + http01Port
            + ", tls-alpn-01 to port "
            + tlsAlpn01Port);
    System.out.flush();
    stopped.await();
    return 0;
  }

  private static void configureLogging() {
    // Undertow and XNIO log through jboss-logging, which would pick java.util.logging.
    setIfAbsent("org.jboss.logging.provider", "slf4j");
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    setIfAbsent("org.slf4j.simpleLogger.log.io.undertow", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.org.xnio", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.org.jboss", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.org.apache.hc", "warn");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** Prints the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"LocalAcme " + AcmeServer.version()};
    }
  }
}
