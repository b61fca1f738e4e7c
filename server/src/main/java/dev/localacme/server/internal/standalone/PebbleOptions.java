package dev.localacme.server.internal.standalone;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Pebble's own flags: {@code -config} (a Pebble JSON config file) and {@code -strict}. */
public final class PebbleOptions {
  private final OptionSpec config =
      OptionSpec.builder("--config", "-config")
          .type(Path.class)
          .paramLabel("FILE")
          .defaultValue("${env:LOCALACME_CONFIG}")
          .description("A Pebble JSON config file (env LOCALACME_CONFIG).")
          .build();

  private final OptionSpec strict =
      OptionSpec.builder("-strict")
          .type(boolean.class)
          .hidden(true)
          .description("Pebble's; accepted and ignored.")
          .build();

  void addTo(CommandSpec command) {
    command.addOption(config).addOption(strict);
  }

  /** The config file, if one is given. */
  Optional<PebbleConfig> read() {
    return Optional.ofNullable(file()).map(PebbleConfig::read);
  }

  /** Where the config file is, for messages about it; null if none is given. */
  Path file() {
    return config.getValue();
  }

  /** A note for each key of the config file that Pebble does not know. */
  List<String> unknownKeyNotes() {
    Path file = file();
    if (file == null) {
      return List.of();
    }
    return PebbleConfig.unknownKeys(file).stream()
        .map(k -> "config file " + file + ": unknown key \"" + k + "\" ignored")
        .toList();
  }
}
