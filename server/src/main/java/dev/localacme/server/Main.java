package dev.localacme.server;

import dev.localacme.server.internal.standalone.ChallTestSrvCommand;
import dev.localacme.server.internal.standalone.Env;
import dev.localacme.server.internal.standalone.IdleMemory;
import dev.localacme.server.internal.standalone.Logging;
import dev.localacme.server.internal.standalone.Setup;
import dev.localacme.server.internal.standalone.Shutdown;
import dev.localacme.server.internal.standalone.StandaloneOptions;
import dev.localacme.server.internal.standalone.StartupBanner;
import dev.localacme.server.internal.standalone.TrustFiles;
import dev.localacme.server.internal.standalone.VersionProvider;
import dev.localacme.server.internal.standalone.Warmup;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The standalone LocalAcme: {@code java -jar localacme.jar}. Pebble's defaults (ACME API on 14000,
 * management API on 15000, http-01 to 5002), loopback only unless told otherwise. Every flag has a
 * {@code LOCALACME_*} environment variable twin; a flag beats its variable, which beats a Pebble
 * config file ({@code --config}), which beats the default.
 */
public final class Main implements Callable<Integer> {
  private static final int EXIT_CANNOT_START = 1;
  private static final int EXIT_USAGE = 2;
  private static final String NO_THREAD_POOL_MBEAN = "jboss.threads.eqe.disable-mbean";
  private static final String PICOCLI_CONVERTER_EXCLUDES = "picocli.converters.excludes";

  // Picocli's programmatic model: building it from annotations costs the JDK's annotation parsing,
  // a proxy class per annotation type and reflection over each class: about 90 ms of main().
  private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
  private final StandaloneOptions options = new StandaloneOptions();

  private Main() {
    spec.name("localacme").versionProvider(new VersionProvider());
    spec.usageMessage()
        .sortOptions(false)
        .width(100)
        .description(
            "A local ACME (RFC 8555) certificate authority for tests and development.",
            "Keeps a stable root, name-constrained to development names, and all state in a data"
                + " directory.",
            "")
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(
            UsageMessageSpec.keyValuesMap(
                "0:stopped normally (SIGTERM or SIGINT)",
                "1:could not start (data directory, ports)",
                "2:bad flags, environment or config file"));
    options.addTo(spec);
    // What mixinStandardHelpOptions adds, without its reflection on an annotated class.
    spec.addOption(
            OptionSpec.builder("-h", "--help")
                .type(boolean.class)
                .usageHelp(true)
                .description("Show this help message and exit.")
                .build())
        .addOption(
            OptionSpec.builder("-V", "--version")
                .type(boolean.class)
                .versionHelp(true)
                .description("Print version information and exit.")
                .build());
  }

  public static void main(String[] args) {
    Logging.configure();
    // Building the platform MBean server costs a start about 100 ms of CPU, and only XNIO's
    // worker pool (jboss-threads) would use it here: a -D on the command line still turns it on.
    // XNIO's own registrations are left out of the jar (see server/pom.xml).
    System.getProperties().putIfAbsent(NO_THREAD_POOL_MBEAN, "true");
    // Picocli registers converters for java.sql and java.time types by reflection, about 10 ms;
    // no option here has such a type (durations are parsed by ProfileOptions).
    System.getProperties().putIfAbsent(PICOCLI_CONVERTER_EXCLUDES, "java\\.(sql|time)\\..*");
    // SLF4J starts on the warm-up thread while this one parses the command line; call() waits
    // for it before anything logs.
    Warmup.start();
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code; returns when the server has stopped. */
  static int run(String... args) {
    CommandLine command = new CommandLine(new Main().spec);
    // The subcommand's model is built from its annotations, by reflection: only when the command
    // line names it or asks for the help that lists it.
    if (mayNeedSubcommand(args)) {
      command.addSubcommand(new ChallTestSrvCommand());
    }
    command.setCaseInsensitiveEnumValuesAllowed(true);
    command.setParameterExceptionHandler(
        (e, a) -> {
          System.err.println("localacme: " + oneLine(e.getMessage()) + " (see --help)");
          return EXIT_USAGE;
        });
    return command.execute(args);
  }

  private static boolean mayNeedSubcommand(String... args) {
    for (String arg : args) {
      if (arg.equals("challtestsrv")
          || arg.equals("--help")
          || arg.matches("-[A-Za-z]*h[A-Za-z]*")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Integer call() throws InterruptedException {
    Warmup.awaitLogging();
    Setup setup;
    try {
      setup = options.configure(new Env(System.getenv()), spec.commandLine().getParseResult());
    } catch (IllegalArgumentException e) {
      return fail(e, EXIT_USAGE);
    }
    setup.notes().forEach(Logging.log()::warn);
    AcmeServer server;
    try {
      server = setup.builder().build().start();
    } catch (RuntimeException e) {
      return fail(e, EXIT_CANNOT_START);
    }
    TrustFiles trust;
    try {
      trust = setup.data().map(TrustFiles::of).orElseGet(() -> TrustFiles.temporary(server));
    } catch (RuntimeException e) {
      server.close();
      return fail(e, EXIT_CANNOT_START);
    }
    Shutdown shutdown =
        Shutdown.onExit(
            "localacme-shutdown",
            () -> {
              Logging.log().info("stopping");
              server.close();
              trust.close();
              Logging.log().info("stopped");
            });
    StartupBanner.print(server, setup, trust);
    IdleMemory.returnWhenIdle();
    shutdown.await();
    return 0;
  }

  private static int fail(RuntimeException e, int exitCode) {
    System.err.println("localacme: " + oneLine(e.getMessage()));
    return exitCode;
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
