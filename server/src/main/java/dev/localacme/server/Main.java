package dev.localacme.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    subcommands = ChallTestSrvCommand.class,
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

  // Certificate lifecycle: chains, profiles, external account binding, authorization reuse, CRLs.

  @Option(
      names = "--alternate-roots",
      defaultValue = "${env:LOCALACME_ALTERNATE_ROOTS:-${env:PEBBLE_ALTERNATE_ROOTS:-0}}",
      description =
          "Extra roots cross-signing the issuer, served as alternate chains (env"
              + " LOCALACME_ALTERNATE_ROOTS or PEBBLE_ALTERNATE_ROOTS; default ${DEFAULT-VALUE}).")
  int alternateRoots;

  @Option(
      names = "--chain-length",
      defaultValue = "${env:LOCALACME_CHAIN_LENGTH:-${env:PEBBLE_CHAIN_LENGTH:-1}}",
      description =
          "Intermediates between a leaf and its root (env LOCALACME_CHAIN_LENGTH or"
              + " PEBBLE_CHAIN_LENGTH; default ${DEFAULT-VALUE}).")
  int chainLength;

  @Option(
      names = "--orders-per-page",
      defaultValue = "${env:LOCALACME_ORDERS_PER_PAGE:-${env:PEBBLE_WFE_ORDERS_PER_PAGE:-10}}",
      description =
          "Orders per page of an account's orders list (env LOCALACME_ORDERS_PER_PAGE or"
              + " PEBBLE_WFE_ORDERS_PER_PAGE; default ${DEFAULT-VALUE}).")
  int ordersPerPage;

  @Option(
      names = "--authz-reuse",
      defaultValue = "${env:LOCALACME_AUTHZ_REUSE:-${env:PEBBLE_AUTHZREUSE:-0}}",
      description =
          "Percent chance that an order reuses a valid authorization; pre-authorizations are"
              + " always reused (env LOCALACME_AUTHZ_REUSE or PEBBLE_AUTHZREUSE; default"
              + " ${DEFAULT-VALUE}).")
  int authzReuse;

  @Option(
      names = "--profile",
      paramLabel = "NAME=VALIDITY[:cn]",
      split = ";",
      defaultValue = "${env:LOCALACME_PROFILES}",
      description =
          "Offers a certificate profile, e.g. week=7d or classic=90d:cn (cn: the first name"
              + " becomes the subject CN); validity in s, m, h, d or y, or plain seconds."
              + " Repeatable; built in: default=90d, shortlived=6d (env LOCALACME_PROFILES,"
              + " separated by ;).")
  List<String> profiles;

  @Option(
      names = "--default-profile",
      defaultValue = "${env:LOCALACME_DEFAULT_PROFILE:-default}",
      description =
          "Profile of orders that ask for none (env LOCALACME_DEFAULT_PROFILE; default"
              + " ${DEFAULT-VALUE}).")
  String defaultProfile;

  @Option(
      names = "--eab-required",
      defaultValue = "${env:LOCALACME_EAB_REQUIRED:-false}",
      description =
          "New accounts need an external account binding (env LOCALACME_EAB_REQUIRED; default"
              + " ${DEFAULT-VALUE}).")
  boolean eabRequired;

  @Option(
      names = "--eab-key",
      paramLabel = "KID=HMAC_KEY",
      split = ";",
      defaultValue = "${env:LOCALACME_EAB_KEYS}",
      description =
          "Provisions an external account binding key, the HMAC key in base64url. Repeatable"
              + " (env LOCALACME_EAB_KEYS, separated by ;).")
  List<String> eabKeys;

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

  // Challenges, DNS and CAA (dns-01, tls-alpn-01, the challenge test server).
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

  @Mixin ChallTestSrvOptions challtestsrv;

  // Where validation goes and which names the API's certificate carries: what a container needs.
  @Option(
      names = "--validation-host",
      defaultValue = "${env:LOCALACME_VALIDATION_HOST:-127.0.0.1}",
      description =
          "Host every name without a route is validated at (env LOCALACME_VALIDATION_HOST; default ${DEFAULT-VALUE}).")
  String validationHost;

  @Option(
      names = "--tls-name",
      split = ",",
      paramLabel = "NAME",
      defaultValue = "${env:LOCALACME_TLS_NAMES}",
      description =
          "Extra DNS name or IP address for the API's own certificate; repeatable (env LOCALACME_TLS_NAMES, comma-separated).")
  List<String> tlsNames = new ArrayList<>();

  @Option(
      names = "--route",
      split = ",",
      paramLabel = "NAME=HOST[:HTTP01PORT[:TLSALPN01PORT]]",
      defaultValue = "${env:LOCALACME_ROUTES}",
      converter = RouteOption.Converter.class,
      description =
          "Validate NAME (or every name under *.domain) at HOST, on these ports if given; repeatable (env LOCALACME_ROUTES, comma-separated).")
  List<RouteOption> routes = new ArrayList<>();

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
      AcmeServer.Builder builder =
          lifecycle(
              AcmeServer.builder()
                  .bindHost(host)
                  .port(port)
                  .managementPort(managementPort)
                  .http01Port(http01Port)
                  .tlsAlpn01Port(tlsAlpn01Port)
                  .validationHost(validationHost)
                  .dnsServer(dnsServer)
                  .caaIdentities(caaIdentities.toArray(String[]::new))
                  .challengeTestServer(challtestsrv.config()));
      tlsNames.stream().filter(name -> !name.isBlank()).forEach(builder::tlsName);
      routes.removeIf(Objects::isNull);
      routes.forEach(route -> builder.route(route.name(), route.target()));
      server = builder.build().start();
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
    server.crlUri().ifPresent(crl -> System.out.println("  CRL:              " + crl));
    System.out.println(
        "  Validation:       http-01 to "
            + validationHost
            + " port "
            + http01Port
            + ", tls-alpn-01 to port "
            + tlsAlpn01Port);
    routes.forEach(route -> System.out.println("  Route:            " + route));
    server.challengeTestServer().ifPresent(Main::printChallengeTestServer);
    System.out.flush();
    stopped.await();
    return 0;
  }

  private AcmeServer.Builder lifecycle(AcmeServer.Builder builder) {
    builder
        .alternateRoots(alternateRoots)
        .chainLength(chainLength)
        .ordersPerPage(ordersPerPage)
        .authorizationReusePercent(authzReuse)
        .defaultProfile(defaultProfile)
        .externalAccountRequired(eabRequired)
        .crlPort(crlPort)
        .crlBaseUrl(crlBaseUrl);
    for (String profile : nonEmpty(profiles)) {
      String[] nameAndRest = split(profile, '=', "--profile", "NAME=VALIDITY[:cn]");
      String[] validityAndCn = nameAndRest[1].split(":", 2);
      boolean cn = validityAndCn.length > 1 && validityAndCn[1].equalsIgnoreCase("cn");
      if (validityAndCn.length > 1 && !cn) {
        throw new IllegalArgumentException(
            "--profile " + profile + ": only \":cn\" may follow the validity");
      }
      Duration validity = duration(validityAndCn[0], "--profile " + profile);
      builder.profile(
          nameAndRest[0], new Profile("certificates valid for " + validityAndCn[0], validity, cn));
    }
    for (String key : nonEmpty(eabKeys)) {
      String[] kidAndKey = split(key, '=', "--eab-key", "KID=HMAC_KEY");
      builder.externalAccountKey(kidAndKey[0], kidAndKey[1]);
    }
    return builder;
  }

  private static List<String> nonEmpty(List<String> values) {
    return values == null ? List.of() : values.stream().filter(v -> !v.isBlank()).toList();
  }

  private static String[] split(String value, char separator, String option, String form) {
    int at = value.indexOf(separator);
    if (at <= 0 || at == value.length() - 1) {
      throw new IllegalArgumentException(option + " \"" + value + "\" is not " + form);
    }
    return new String[] {value.substring(0, at).trim(), value.substring(at + 1).trim()};
  }

  /** 518400 (seconds, as Pebble's config), 6d, 12h, 30m, 45s, 1y, or ISO-8601 such as P6D. */
  static Duration duration(String value, String what) {
    try {
      if (value.startsWith("P") || value.startsWith("p")) {
        return Duration.parse(value);
      }
      char unit = Character.toLowerCase(value.charAt(value.length() - 1));
      if (Character.isDigit(unit)) {
        return Duration.ofSeconds(Long.parseLong(value));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (unit) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        case 'y' -> Duration.ofDays(365 * amount);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          what + ": \"" + value + "\" is not a validity such as 6d, 12h, 3600 or P6D");
    }
  }

  /** The challenge test server's listeners, one per line, for people and scripts. */
  static void printChallengeTestServer(ChallengeTestServer cts) {
    System.out.println("  Challenge test server (pebble-challtestsrv compatible):");
    printPort("DNS (UDP, TCP)", cts.dnsPort());
    printPort("http-01", cts.http01Port());
    printPort("https-01", cts.https01Port());
    printPort("tls-alpn-01", cts.tlsAlpn01Port());
    System.out.println(
        "    management:     " + (cts.managementPort() < 0 ? "off" : cts.managementUri()));
    System.out.flush();
  }

  private static void printPort(String what, int port) {
    System.out.printf("    %-15s %s%n", what + ":", port < 0 ? "off" : "port " + port);
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
