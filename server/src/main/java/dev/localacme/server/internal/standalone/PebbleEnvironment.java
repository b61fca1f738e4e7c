package dev.localacme.server.internal.standalone;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pebble's environment variables, with the meaning they keep in LocalAcme. Unlike Pebble, LocalAcme
 * injects no chaos unless asked: an unset variable means "off", never Pebble's default (5% bad
 * nonces, random sleeps, 50% authorization reuse).
 *
 * <p>{@code PEBBLE_WFE_ORDERS_PER_PAGE}, {@code PEBBLE_AUTHZREUSE}, {@code PEBBLE_ALTERNATE_ROOTS}
 * and {@code PEBBLE_CHAIN_LENGTH} are the defaults of their flags, read with the flags.
 *
 * @param alwaysValid {@code PEBBLE_VA_ALWAYS_VALID}: every challenge passes without network I/O
 * @param nonceRejectPercent {@code PEBBLE_WFE_NONCEREJECT}, clamped to 0-99 as Pebble does
 * @param notes variables that are set but mean nothing here, for the start-up log
 */
public record PebbleEnvironment(
    Optional<Boolean> alwaysValid, Optional<Integer> nonceRejectPercent, List<String> notes) {

  public static PebbleEnvironment read(Env env) {
    List<String> notes = new ArrayList<>();
    if (env.flag("PEBBLE_VA_NOSLEEP").orElse(true) == Boolean.FALSE
        || env.isSet("PEBBLE_VA_SLEEPTIME")) {
      notes.add(
          "PEBBLE_VA_NOSLEEP/PEBBLE_VA_SLEEPTIME have no effect: LocalAcme never sleeps before"
              + " validating");
    }
    return new PebbleEnvironment(
        env.flag("PEBBLE_VA_ALWAYS_VALID"),
        env.integer("PEBBLE_WFE_NONCEREJECT").map(p -> Math.max(0, Math.min(99, p))),
        List.copyOf(notes));
  }
}
