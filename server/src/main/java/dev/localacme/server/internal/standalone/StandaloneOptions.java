package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.internal.datadir.DataDirectory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParseResult;

/**
 * Every option of the standalone server, in the order {@code --help} lists them, and how they
 * become a server builder. A flag beats its {@code LOCALACME_*} variable, which beats a Pebble
 * config file, which beats the default.
 */
public final class StandaloneOptions {
  @Mixin ListenerOptions listeners;
  @Mixin RootOptions root;
  @Mixin PebbleOptions pebble;
  @Mixin TestingOptions testing;
  @Mixin PolicyOptions policy;
  @Mixin ProfileOptions profiles;
  @Mixin EabOptions eab;
  @Mixin CrlOptions crl;
  @Mixin DnsOptions dns;
  @Mixin ChallTestSrvOptions challtestsrv;
  @Mixin NetworkOptions network;

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
