package dev.localacme.server.internal.standalone;

import static dev.localacme.server.internal.standalone.OptionValues.first;
import static dev.localacme.server.internal.standalone.OptionValues.on;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.AcmeServerConfig;
import dev.localacme.server.KeyAlgorithm;
import dev.localacme.server.internal.ca.PermittedNames;
import dev.localacme.server.internal.datadir.DataDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The data directory and the root kept in it: where it is (or {@code --ephemeral}, nowhere), the
 * root's name constraints, whether its keys may leave, and the key type of a new root.
 */
public final class RootOptions {
  private final OptionSpec dataDir =
      OptionSpec.builder("--data-dir")
          .type(Path.class)
          .paramLabel("DIR")
          .defaultValue("${env:LOCALACME_DATA_DIR}")
          .description(
              "Where the root, its keys and all state are kept (env LOCALACME_DATA_DIR; default"
                  + " $XDG_DATA_HOME/localacme, else ~/.local/share/localacme).")
          .build();

  private final OptionSpec ephemeral =
      OptionSpec.builder("--ephemeral")
          .type(boolean.class)
          .description(
              "Keep nothing: a throwaway, unconstrained root and state in memory, as Pebble does"
                  + " (env LOCALACME_EPHEMERAL).")
          .build();

  private final OptionSpec allowDomains =
      OptionSpec.builder("--allow-domain")
          .type(List.class)
          .auxiliaryTypes(String.class)
          .paramLabel("NAME")
          .splitRegex(",")
          .defaultValue("${env:LOCALACME_ALLOW_DOMAIN}")
          .description(
              "Also permit this domain (and every name below it) or IP range in the root's name"
                  + " constraints; repeatable. Takes effect when the data directory is created (env"
                  + " LOCALACME_ALLOW_DOMAIN, comma-separated).")
          .build();

  private final OptionSpec unconstrainedRoot =
      OptionSpec.builder("--unconstrained-root")
          .type(boolean.class)
          .description(
              "Create the root without name constraints, able to vouch for any site; warned about"
                  + " at every start (env LOCALACME_UNCONSTRAINED_ROOT).")
          .build();

  private final OptionSpec exposeCaKeys =
      OptionSpec.builder("--expose-ca-keys")
          .type(boolean.class)
          .description(
              "Let the management API hand out the private keys of a persistent root and its"
                  + " intermediate (a throwaway root always does; env LOCALACME_EXPOSE_CA_KEYS).")
          .build();

  private final OptionSpec keyAlgorithm =
      OptionSpec.builder("--key-algorithm")
          .type(KeyAlgorithm.class)
          .paramLabel("ALG")
          .defaultValue("${env:LOCALACME_KEY_ALGORITHM}")
          .description(
              "Key type of a new root and intermediate: ${COMPLETION-CANDIDATES} (env"
                  + " LOCALACME_KEY_ALGORITHM; default EC_P256).")
          .build();

  void addTo(CommandSpec command) {
    command
        .addOption(dataDir)
        .addOption(ephemeral)
        .addOption(allowDomains)
        .addOption(unconstrainedRoot)
        .addOption(exposeCaKeys)
        .addOption(keyAlgorithm);
  }

  /** The flag, else its variable, else the config file's {@code keyAlgorithm}, else P-256. */
  KeyAlgorithm keyAlgorithm(Optional<PebbleConfig> pebble) {
    return first(
        keyAlgorithm.getValue(),
        PebbleSettings.keyAlgorithm(pebble.orElse(null)),
        KeyAlgorithm.EC_P256);
  }

  /** Whether {@code --unconstrained-root} is on the command line (its variable does not count). */
  boolean unconstrainedRootFlag() {
    return on(unconstrainedRoot);
  }

  /**
   * Sets the data directory and the root's name constraints, or neither for {@code --ephemeral}.
   *
   * @return the data directory; empty for {@code --ephemeral}
   */
  Optional<DataDirectory> configure(
      AcmeServer.Builder builder, Env env, ParseResult commandLine, List<String> notes) {
    boolean throwaway = on(ephemeral) || env.flag("LOCALACME_EPHEMERAL").orElse(false);
    boolean unconstrained =
        on(unconstrainedRoot) || env.flag("LOCALACME_UNCONSTRAINED_ROOT").orElse(false);
    List<String> allowed = Objects.requireNonNullElse(allowDomains.getValue(), List.of());
    if (throwaway) {
      // Both flags on one command line contradict each other; a LOCALACME_DATA_DIR from the
      // environment (an image sets one) yields to --ephemeral.
      if (commandLine.hasMatchedOption("--data-dir")
          && commandLine.hasMatchedOption("--ephemeral")) {
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
    List<String> permitted = unconstrained ? List.of() : permitted(allowed);
    Path dir =
        Objects.requireNonNullElseGet(
            dataDir.getValue(),
            () ->
                DataDirectories.defaultLocation(
                    System.getenv(),
                    System.getProperty("os.name"),
                    System.getProperty("user.home")));
    builder
        .dataDirectory(dir)
        .rootNameConstraints(permitted)
        .exposeCaKeys(on(exposeCaKeys) || env.flag("LOCALACME_EXPOSE_CA_KEYS").orElse(false));
    return Optional.of(new DataDirectory(dir));
  }

  /** The development names and the allowed ones, each checked. */
  private static List<String> permitted(List<String> allowed) {
    List<String> permitted = new ArrayList<>(AcmeServerConfig.DEVELOPMENT_NAMES);
    for (String name : allowed) {
      try {
        PermittedNames.parse(List.of(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--allow-domain: " + e.getMessage());
      }
      permitted.add(name);
    }
    return permitted;
  }
}
