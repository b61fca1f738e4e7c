package dev.localacme.server.internal.standalone;

import static dev.localacme.server.internal.standalone.OptionValues.checkRange;
import static dev.localacme.server.internal.standalone.OptionValues.first;
import static dev.localacme.server.internal.standalone.OptionValues.on;

import dev.localacme.server.AcmeServer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What Pebble's {@code PEBBLE_VA_ALWAYS_VALID} and {@code PEBBLE_WFE_NONCEREJECT} do for client
 * tests: pass every challenge, or reject good nonces. Each Pebble variable yields to the flag and
 * its {@code LOCALACME_*} twin.
 */
public final class TestingOptions {
  private final OptionSpec alwaysValid =
      OptionSpec.builder("--always-valid")
          .type(boolean.class)
          .description(
              "Pass every challenge without network I/O (env LOCALACME_ALWAYS_VALID or"
                  + " PEBBLE_VA_ALWAYS_VALID).")
          .build();

  private final OptionSpec nonceRejectPercent =
      OptionSpec.builder("--nonce-reject-percent")
          .type(Integer.class)
          .paramLabel("N")
          .defaultValue("${env:LOCALACME_NONCE_REJECT_PERCENT}")
          .description(
              "Reject this share of good nonces with badNonce, to test client retries (env"
                  + " LOCALACME_NONCE_REJECT_PERCENT or PEBBLE_WFE_NONCEREJECT; default 0).")
          .build();

  void addTo(CommandSpec command) {
    command.addOption(alwaysValid).addOption(nonceRejectPercent);
  }

  void configure(AcmeServer.Builder builder, Env env, PebbleEnvironment pebbleEnv) {
    builder
        .validation(
            !(on(alwaysValid)
                || env.flag("LOCALACME_ALWAYS_VALID").orElse(false)
                || pebbleEnv.alwaysValid().orElse(false)))
        .nonceRejectPercent(
            checkRange(
                "--nonce-reject-percent",
                first(
                    nonceRejectPercent.getValue(), pebbleEnv.nonceRejectPercent().orElse(null), 0),
                0,
                99));
  }
}
