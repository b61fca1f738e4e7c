package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.internal.datadir.DataDirectory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Every option of the standalone server, in the order {@code --help} lists them, and how they
 * become a server builder. A flag beats its {@code LOCALACME_*} variable, which beats a Pebble
 * config file, which beats the default.
 */
public final class StandaloneOptions {
  private final ListenerOptions listeners = new ListenerOptions();
  private final RootOptions root = new RootOptions();
  private final PebbleOptions pebble = new PebbleOptions();
  private final TestingOptions testing = new TestingOptions();
  private final PolicyOptions policy = new PolicyOptions();
  private final ProfileOptions profiles = new ProfileOptions();
  private final EabOptions eab = new EabOptions();
  private final CrlOptions crl = new CrlOptions();
  private final DnsOptions dns = new DnsOptions();
  private final ChallTestSrvOptions challtestsrv = new ChallTestSrvOptions();
  private final NetworkOptions network = new NetworkOptions();

  /** Adds every option to the command, in this order: the order of {@code --help}. */
  public void addTo(CommandSpec command) {
    listeners.addTo(command);
    root.addTo(command);
    pebble.addTo(command);
    testing.addTo(command);
    policy.addTo(command);
    profiles.addTo(command);
    eab.addTo(command);
    crl.addTo(command);
    dns.addTo(command);
    challtestsrv.addTo(command);
    network.addTo(command);
  }

  /**
   * A builder from the options, and what to warn about.
   *
   * @param commandLine tells flags given on the command line from those set by their variables
   * @throws IllegalArgumentException with one line saying which option, variable or config key is
   *     wrong
   */
  public Setup configure(Env env, ParseResult commandLine) {
    List<String> notes = new ArrayList<>();
    Optional<PebbleConfig> config = pebble.read();
    PebbleEnvironment pebbleEnv = PebbleEnvironment.read(env);
    notes.addAll(pebbleEnv.notes());
    notes.addAll(pebble.unknownKeyNotes());
    // The order below is the order in which bad values are reported.
    AcmeServer.Builder builder = AcmeServer.builder();
    listeners.configure(builder, config, pebble.file(), notes);
    builder.keyAlgorithm(root.keyAlgorithm(config));
    dns.configure(builder);
    builder.challengeTestServer(challtestsrv.config());
    testing.configure(builder, env, pebbleEnv);
    policy.configure(builder);
    profiles.configure(builder);
    eab.configure(builder);
    crl.configure(builder);
    network.configure(builder);
    Optional<DataDirectory> data = root.configure(builder, env, commandLine, notes);
    // Last, so that the config file adds to what the options set; CAA identities given by flag or
    // variable still win.
    config.ifPresent(
        c ->
            PebbleSettings.apply(
                builder,
                c,
                given(commandLine, "--caa-identity", "LOCALACME_CAA_IDENTITIES"),
                notes));
    return new Setup(
        builder,
        data,
        data.map(d -> !Files.exists(d.caDir())).orElse(true),
        notes,
        network.routeLines(),
        root.unconstrainedRootFlag());
  }

  /** Whether the user set an option, by flag or by its environment variable. */
  private static boolean given(ParseResult commandLine, String option, String variable) {
    return commandLine.hasMatchedOption(option) || System.getenv(variable) != null;
  }
}
