package dev.localacme.server.internal.standalone;

import static dev.localacme.server.internal.standalone.OptionValues.first;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.AcmeServerConfig;
import dev.localacme.server.KeyAlgorithm;
import dev.localacme.server.internal.ca.PermittedNames;
import dev.localacme.server.internal.datadir.DataDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The data directory and the root kept in it: where it is (or {@code --ephemeral}, nowhere), the
 * root's name constraints, whether its keys may leave, and the key type of a new root.
 */
public final class RootOptions {
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

  /** The flag, else its variable, else the config file's {@code keyAlgorithm}, else P-256. */
  KeyAlgorithm keyAlgorithm(Optional<PebbleConfig> pebble) {
    return first(
        keyAlgorithm, PebbleSettings.keyAlgorithm(pebble.orElse(null)), KeyAlgorithm.EC_P256);
  }

  /** Whether {@code --unconstrained-root} is on the command line (its variable does not count). */
  boolean unconstrainedRootFlag() {
    return unconstrainedRoot;
  }

  /**
   * Sets the data directory and the root's name constraints, or neither for {@code --ephemeral}.
   *
   * @return the data directory; empty for {@code --ephemeral}
   */
  Optional<DataDirectory> configure(
      AcmeServer.Builder builder, Env env, ParseResult commandLine, List<String> notes) {
    boolean throwaway = ephemeral || env.flag("LOCALACME_EPHEMERAL").orElse(false);
    boolean unconstrained =
        unconstrainedRoot || env.flag("LOCALACME_UNCONSTRAINED_ROOT").orElse(false);
    List<String> allowed = allowDomains == null ? List.of() : allowDomains;
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
        dataDir != null
            ? dataDir
            : DataDirectories.defaultLocation(
                System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    builder
        .dataDirectory(dir)
        .rootNameConstraints(permitted)
        .exposeCaKeys(exposeCaKeys || env.flag("LOCALACME_EXPOSE_CA_KEYS").orElse(false));
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
