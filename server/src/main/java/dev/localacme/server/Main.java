package dev.localacme.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.localacme.server.internal.ca.PermittedNames;
import dev.localacme.server.internal.datadir.DataDirectory;
import dev.localacme.server.internal.standalone.ChallTestSrvCommand;
import dev.localacme.server.internal.standalone.Env;
import dev.localacme.server.internal.standalone.Setup;
import dev.localacme.server.internal.standalone.StandaloneOptions;
import dev.localacme.server.internal.standalone.StartupBanner;
import dev.localacme.server.internal.standalone.TrustFiles;
import dev.localacme.server.internal.standalone.VersionProvider;
import dev.localacme.server.internal.standalone.Warmup;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

  @Mixin StandaloneOptions options;

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
      setup = options.configure(env, spec.commandLine().getParseResult());
    } catch (IllegalArgumentException e) {
      System.err.println("localacme: " + oneLine(e.getMessage()));
      return EXIT_USAGE;
    }
    setup.notes().forEach(log()::warn);
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
    printBanner(server, setup, trust);
    returnMemoryWhenIdle();
    stopped.await();
    return 0;
  }

  private static void printBanner(AcmeServer server, Setup setup, TrustFiles trust) {
    Optional<PermittedNames> permitted = PermittedNames.of(server.rootCertificate());
    if (setup.data().isPresent() && permitted.isEmpty()) {
      StartupBanner.unconstrainedWarning(trust.rootPem()).forEach(log()::warn);
    }
    if (setup.unconstrainedRootFlag() && permitted.isPresent() && !setup.newRoot()) {
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
                setup.routes(),
                setup.data().map(DataDirectory::dir),
                setup.newRoot() && setup.data().isPresent(),
                trust.rootPem(),
                trust.trustStore(),
                permitted));
    System.out.println(String.join(System.lineSeparator(), lines));
    server.challengeTestServer().ifPresent(StartupBanner::printChallengeTestServer);
    System.out.flush();
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
