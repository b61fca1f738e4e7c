package dev.localacme.server.internal.standalone;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Pebble's own flags: {@code -config} (a Pebble JSON config file) and {@code -strict}. */
public final class PebbleOptions {
  @Option(
      names = {"--config", "-config"},
      paramLabel = "FILE",
      defaultValue = "${env:LOCALACME_CONFIG}",
      description = "A Pebble JSON config file (env LOCALACME_CONFIG).")
  Path config;

  @Option(names = "-strict", hidden = true, description = "Pebble's; accepted and ignored.")
  boolean strict;

  /** The config file, if one is given. */
  Optional<PebbleConfig> read() {
    return Optional.ofNullable(config).map(PebbleConfig::read);
  }

  /** Where the config file is, for messages about it; null if none is given. */
  Path file() {
    return config;
  }

  /** A note for each key of the config file that Pebble does not know. */
  List<String> unknownKeyNotes() {
    if (config == null) {
      return List.of();
    }
    return PebbleConfig.unknownKeys(config).stream()
        .map(k -> "config file " + config + ": unknown key \"" + k + "\" ignored")
        .toList();
  }
}
