package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * How the CA treats orders: alternate chains and chain length, the orders list's page size, and
 * authorization reuse. Each option's Pebble variable is its default.
 */
public final class PolicyOptions {
  private final OptionSpec alternateRoots =
      OptionSpec.builder("--alternate-roots")
          .type(int.class)
          .paramLabel("<alternateRoots>")
          .defaultValue("${env:LOCALACME_ALTERNATE_ROOTS:-${env:PEBBLE_ALTERNATE_ROOTS:-0}}")
          .description(
              "Extra roots cross-signing the issuer, served as alternate chains (env"
                  + " LOCALACME_ALTERNATE_ROOTS or PEBBLE_ALTERNATE_ROOTS; default"
                  + " ${DEFAULT-VALUE}).")
          .build();

  private final OptionSpec chainLength =
      OptionSpec.builder("--chain-length")
          .type(int.class)
          .paramLabel("<chainLength>")
          .defaultValue("${env:LOCALACME_CHAIN_LENGTH:-${env:PEBBLE_CHAIN_LENGTH:-1}}")
          .description(
              "Intermediates between a leaf and its root (env LOCALACME_CHAIN_LENGTH or"
                  + " PEBBLE_CHAIN_LENGTH; default ${DEFAULT-VALUE}).")
          .build();

  private final OptionSpec ordersPerPage =
      OptionSpec.builder("--orders-per-page")
          .type(int.class)
          .paramLabel("<ordersPerPage>")
          .defaultValue("${env:LOCALACME_ORDERS_PER_PAGE:-${env:PEBBLE_WFE_ORDERS_PER_PAGE:-10}}")
          .description(
              "Orders per page of an account's orders list (env LOCALACME_ORDERS_PER_PAGE or"
                  + " PEBBLE_WFE_ORDERS_PER_PAGE; default ${DEFAULT-VALUE}).")
          .build();

  private final OptionSpec authzReuse =
      OptionSpec.builder("--authz-reuse")
          .type(int.class)
          .paramLabel("<authzReuse>")
          .defaultValue("${env:LOCALACME_AUTHZ_REUSE:-${env:PEBBLE_AUTHZREUSE:-0}}")
          .description(
              "Percent chance that an order reuses a valid authorization; pre-authorizations are"
                  + " always reused (env LOCALACME_AUTHZ_REUSE or PEBBLE_AUTHZREUSE; default"
                  + " ${DEFAULT-VALUE}).")
          .build();

  void addTo(CommandSpec command) {
    command
        .addOption(alternateRoots)
        .addOption(chainLength)
        .addOption(ordersPerPage)
        .addOption(authzReuse);
  }

  void configure(AcmeServer.Builder builder) {
    builder
        .alternateRoots(alternateRoots.getValue())
        .chainLength(chainLength.getValue())
        .ordersPerPage(ordersPerPage.getValue())
        .authorizationReusePercent(authzReuse.getValue());
  }
}
