package dev.localacme.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.localacme.server.internal.ca.PermittedNames;
import dev.localacme.server.internal.datadir.DataDirectory;
import dev.localacme.server.internal.standalone.ChallTestSrvCommand;
import dev.localacme.server.internal.standalone.ChallTestSrvOptions;
import dev.localacme.server.internal.standalone.DataDirectories;
import dev.localacme.server.internal.standalone.Env;
import dev.localacme.server.internal.standalone.HostPort;
import dev.localacme.server.internal.standalone.PebbleConfig;
import dev.localacme.server.internal.standalone.PebbleEnvironment;
import dev.localacme.server.internal.standalone.PebbleSettings;
import dev.localacme.server.internal.standalone.RouteOption;
import dev.localacme.server.internal.standalone.StartupBanner;
import dev.localacme.server.internal.standalone.TrustFiles;
import dev.localacme.server.internal.standalone.VersionProvider;
import dev.localacme.server.internal.standalone.Warmup;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The standalone LocalAcme: {@code java -jar localacme.jar}. Pebble's defaults (ACME API on 14000,
 * management API on 15000, http-01 to 5002), loopback only unless told otherwise. Every flag has a
 * {@code LOCALACME_*} environment variable twin; a flag beats its variable, which beats a Pebble
 * config file ({@code --config}), which beats the default.
 */
@Command(
    name = "localacme",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = ChallTestSrvCommand.class,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "A local ACME (RFC 8555) certificate authority for tests and development.",
      "Keeps a stable root, name-constrained to development names, and all state in a data"
          + " directory.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped normally (SIGTERM or SIGINT)",
      "1:could not start (data directory, ports)",
      "2:bad flags, environment or config file"
    })
public final class Main implements Callable<Integer> {
  private static final int EXIT_CANNOT_START = 1;
  private static final int EXIT_USAGE = 2;

  // ---- listeners and validation targets
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

  // ---- data directory and root (issue 4)
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:LOCALACME_DATA_DIR}",
      description =
          "Where the root, its keys and all state are kept (env LOCALACME_DATA_DIR; default"
              + " $XDG_DATA_HOME/localacme, else ~/.local/share/localacme).")
  Path dataDir;

  @Option(
      names = "--ephemeral",
      description =
          "Keep nothing: a throwaway, unconstrained root and state in memory, as Pebble does"
              + " (env LOCALACME_EPHEMERAL).")
  boolean ephemeral;

  @Option(
      names = "--allow-domain",
      paramLabel = "NAME",
      split = ",",
      defaultValue = "${env:LOCALACME_ALLOW_DOMAIN}",
      description =
          "Also permit this domain (and every name below it) or IP range in the root's name"
              + " constraints; repeatable. Takes effect when the data directory is created (env"
              + " LOCALACME_ALLOW_DOMAIN, comma-separated).")
  List<String> allowDomains;

  @Option(
      names = "--unconstrained-root",
      description =
          "Create the root without name constraints, able to vouch for any site; warned about at"
              + " every start (env LOCALACME_UNCONSTRAINED_ROOT).")
  boolean unconstrainedRoot;

  @Option(
      names = "--expose-ca-keys",
      description =
          "Let the management API hand out the private keys of a persistent root and its"
              + " intermediate (a throwaway root always does; env LOCALACME_EXPOSE_CA_KEYS).")
  boolean exposeCaKeys;

  @Option(
      names = "--key-algorithm",
      paramLabel = "ALG",
      defaultValue = "${env:LOCALACME_KEY_ALGORITHM}",
      description =
          "Key type of a new root and intermediate: ${COMPLETION-CANDIDATES} (env"
              + " LOCALACME_KEY_ALGORITHM; default EC_P256).")
  KeyAlgorithm keyAlgorithm;

  @Option(
      names = {"--config", "-config"},
      paramLabel = "FILE",
      defaultValue = "${env:LOCALACME_CONFIG}",
      description = "A Pebble JSON config file (env LOCALACME_CONFIG).")
  Path config;

  @Option(
      names = "--always-valid",
      description =
          "Pass every challenge without network I/O (env LOCALACME_ALWAYS_VALID or"
              + " PEBBLE_VA_ALWAYS_VALID).")
  boolean alwaysValid;

  @Option(
      names = "--nonce-reject-percent",
      paramLabel = "N",
      defaultValue = "${env:LOCALACME_NONCE_REJECT_PERCENT}",
      description =
          "Reject this share of good nonces with badNonce, to test client retries (env"
              + " LOCALACME_NONCE_REJECT_PERCENT or PEBBLE_WFE_NONCEREJECT; default 0).")
  Integer nonceRejectPercent;

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

  @Option(names = "-strict", hidden = true, description = "Pebble's; accepted and ignored.")
  boolean strict;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    configureLogging();
    // Before any second thread logs: SLF4J initialized from two threads at once replays the
    // early calls with a warning on stderr.
    LoggerFactory.getILoggerFactory();
    Warmup.start();
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code; returns when the server has stopped. */
  static int run(String... args) {
    CommandLine command = new CommandLine(new Main());
    command.setCaseInsensitiveEnumValuesAllowed(true);
    command.setParameterExceptionHandler(
        (e, a) -> {
          System.err.println("localacme: " + oneLine(e.getMessage()) + " (see --help)");
          return EXIT_USAGE;
        });
    return command.execute(args);
  }

  @Override
  public Integer call() throws InterruptedException {
    Env env = new Env(System.getenv());
    Setup setup;
    try {
      setup = configure(env);
    } catch (IllegalArgumentException e) {
      System.err.println("localacme: " + oneLine(e.getMessage()));
      return EXIT_USAGE;
    }
    setup.notes().forEach(log()::warn);
    boolean newRoot = setup.data().map(d -> !Files.exists(d.caDir())).orElse(true);
    AcmeServer server;
    try {
      server = setup.builder().build().start();
    } catch (RuntimeException e) {
      System.err.println("localacme: " + oneLine(e.getMessage()));
      return EXIT_CANNOT_START;
    }
    TrustFiles trust;
    try {
      trust = setup.data().map(TrustFiles::of).orElseGet(() -> TrustFiles.temporary(server));
    } catch (RuntimeException e) {
      server.close();
      System.err.println("localacme: " + oneLine(e.getMessage()));
      return EXIT_CANNOT_START;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log().info("stopping");
                  server.close();
                  trust.close();
                  log().info("stopped");
                  stopped.countDown();
                },
                "localacme-shutdown"));
    printBanner(server, setup, newRoot, trust);
    returnMemoryWhenIdle();
    stopped.await();
    return 0;
  }

  /** A builder from the flags, their variables and the config file, and what to warn about. */
  record Setup(AcmeServer.Builder builder, Optional<DataDirectory> data, List<String> notes) {}

  Setup configure(Env env) {
    List<String> notes = new ArrayList<>();
    PebbleConfig pebble = config == null ? null : PebbleConfig.read(config);
    PebbleEnvironment pebbleEnv = PebbleEnvironment.read(env);
    notes.addAll(pebbleEnv.notes());
    if (pebble != null) {
      PebbleConfig.unknownKeys(config)
          .forEach(k -> notes.add("config file " + config + ": unknown key \"" + k + "\" ignored"));
    }
    Optional<HostPort> listen =
        Optional.ofNullable(pebble)
            .map(PebbleConfig::listenAddress)
            .filter(a -> !a.isBlank())
            .map(a -> HostPort.parse(a, "listenAddress in " + config));
    Optional<HostPort> management =
        Optional.ofNullable(pebble)
            .map(PebbleConfig::managementListenAddress)
            .filter(a -> !a.isBlank())
            .map(a -> HostPort.parse(a, "managementListenAddress in " + config));
    boolean managementOff =
        pebble != null
            && (pebble.managementListenAddress() == null
                || pebble.managementListenAddress().isBlank());
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
    AcmeServer.Builder builder =
        AcmeServer.builder()
            .bindHost(bindHost)
            .port(apiPort)
            .managementPort(managementApiPort)
            .http01Port(
                checkPort(
                    "--http01-port",
                    first(http01Port, pebble == null ? null : pebble.httpPort(), 5002)))
            .tlsAlpn01Port(
                checkPort(
                    "--tls-alpn01-port",
                    first(tlsAlpn01Port, pebble == null ? null : pebble.tlsPort(), 5001)))
            .keyAlgorithm(
                first(keyAlgorithm, PebbleSettings.keyAlgorithm(pebble), KeyAlgorithm.EC_P256))
            .validationHost(validationHost)
            .dnsServer(dnsServer)
            .caaIdentities(caaIdentities.toArray(String[]::new))
            .challengeTestServer(challtestsrv.config())
            .validation(
                !(alwaysValid
                    || env.flag("LOCALACME_ALWAYS_VALID").orElse(false)
                    || pebbleEnv.alwaysValid().orElse(false)))
            .nonceRejectPercent(
                checkRange(
                    "--nonce-reject-percent",
                    first(nonceRejectPercent, pebbleEnv.nonceRejectPercent().orElse(null), 0),
                    0,
                    99));
    lifecycle(builder);
    tlsNames.stream().filter(name -> !name.isBlank()).forEach(builder::tlsName);
    routes.removeIf(Objects::isNull);
    routes.forEach(route -> builder.route(route.name(), route.target()));
    Optional<DataDirectory> data = configureRoot(builder, env, notes);
    if (pebble != null) {
      PebbleSettings.apply(
          builder, pebble, given("--caa-identity", "LOCALACME_CAA_IDENTITIES"), notes);
    }
    return new Setup(builder, data, notes);
  }

  /** The data directory and the root's name constraints (or neither, for --ephemeral). */
  private Optional<DataDirectory> configureRoot(
      AcmeServer.Builder builder, Env env, List<String> notes) {
    boolean throwaway = ephemeral || env.flag("LOCALACME_EPHEMERAL").orElse(false);
    boolean unconstrained =
        unconstrainedRoot || env.flag("LOCALACME_UNCONSTRAINED_ROOT").orElse(false);
    List<String> allowed = allowDomains == null ? List.of() : allowDomains;
    if (throwaway) {
      // Both flags on one command line contradict each other; a LOCALACME_DATA_DIR from the
      // environment (an image sets one) yields to --ephemeral.
      if (given("--data-dir") && given("--ephemeral")) {
        throw new IllegalArgumentException("--ephemeral keeps no data; drop --data-dir");
      }
      if (!allowed.isEmpty()) {
        notes.add("--allow-domain has no effect with --ephemeral: its root is unconstrained");
      }
      return Optional.empty();
    }
    if (unconstrained && !allowed.isEmpty()) {
      throw new IllegalArgumentException(
          "--allow-domain and --unconstrained-root contradict each other; choose one");
    }
    List<String> permitted = new ArrayList<>(AcmeServerConfig.DEVELOPMENT_NAMES);
    for (String name : allowed) {
      try {
        PermittedNames.parse(List.of(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--allow-domain: " + e.getMessage());
      }
      permitted.add(name);
    }
    Path dir =
        dataDir != null
            ? dataDir
            : DataDirectories.defaultLocation(
                System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    builder
        .dataDirectory(dir)
        .rootNameConstraints(unconstrained ? List.of() : permitted)
        .exposeCaKeys(exposeCaKeys || env.flag("LOCALACME_EXPOSE_CA_KEYS").orElse(false));
    return Optional.of(new DataDirectory(dir));
  }

  /** Whether the command line has this option. */
  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** Whether the user set an option, by flag or by its environment variable. */
  private boolean given(String option, String variable) {
    return spec.commandLine().getParseResult().hasMatchedOption(option)
        || System.getenv(variable) != null;
  }

  private void printBanner(AcmeServer server, Setup setup, boolean newRoot, TrustFiles trust) {
    Optional<PermittedNames> permitted = PermittedNames.of(server.rootCertificate());
    if (setup.data().isPresent() && permitted.isEmpty()) {
      StartupBanner.unconstrainedWarning(trust.rootPem()).forEach(log()::warn);
    }
    if (unconstrainedRoot && permitted.isPresent() && !newRoot) {
      log()
          .warn(
              "--unconstrained-root has no effect: the root in {} was created name-constrained",
              trust.rootPem());
    }
    AcmeServerConfig c = server.config();
    List<String> lines =
        StartupBanner.lines(
            new StartupBanner.Facts(
                AcmeServer.version(),
                Duration.between(startInstant(), Instant.now()).toMillis(),
                server.directoryUri(),
                server.managementPort(),
                server.crlUri(),
                c.validationHost(),
                c.http01Port(),
                c.tlsAlpn01Port(),
                routes.stream().map(String::valueOf).toList(),
                setup.data().map(DataDirectory::dir),
                newRoot && setup.data().isPresent(),
                trust.rootPem(),
                trust.trustStore(),
                permitted));
    System.out.println(String.join(System.lineSeparator(), lines));
    server.challengeTestServer().ifPresent(StartupBanner::printChallengeTestServer);
    System.out.flush();
  }

  private static int checkPort(String flag, int value) {
    return checkRange(flag, value, 0, 65535);
  }

  private static int checkRange(String flag, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          flag + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }

  @SafeVarargs
  private static <T> T first(T... candidates) {
    for (T candidate : candidates) {
      if (candidate != null) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * A server that runs for days is idle most of the time: after 30 s without a collection, G1 runs
   * one and gives the unused heap back to the operating system (JEP 346), so a burst of issuances
   * does not leave hundreds of megabytes resident. Other collectors ignore the setting.
   */
  private static void returnMemoryWhenIdle() {
    try {
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
          .setVMOption("G1PeriodicGCInterval", "30000");
    } catch (RuntimeException | LinkageError e) {
      // a JVM without the option, or without jdk.management: it keeps its memory
    }
  }

  /** Looked up late: slf4j-simple reads its settings when the first logger is made. */
  private static Logger log() {
    return LoggerFactory.getLogger("localacme");
  }

  private static Instant startInstant() {
    return ProcessHandle.current().info().startInstant().orElse(Instant.now());
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
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
}
