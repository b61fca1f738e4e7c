package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import picocli.CommandLine.Option;

/**
 * How the CA treats orders: alternate chains and chain length, the orders list's page size, and
 * authorization reuse. Each option's Pebble variable is its default.
 */
public final class PolicyOptions {
  @Option(
      names = "--alternate-roots",
      defaultValue = "${env:LOCALACME_ALTERNATE_ROOTS:-${env:PEBBLE_ALTERNATE_ROOTS:-0}}",
      description =
          "Extra roots cross-signing the issuer, served as alternate chains (env"
              + " LOCALACME_ALTERNATE_ROOTS or PEBBLE_ALTERNATE_ROOTS; default ${DEFAULT-VALUE}).")
  int alternateRoots;

  @Option(
      names = "--chain-length",
      defaultValue = "${env:LOCALACME_CHAIN_LENGTH:-${env:PEBBLE_CHAIN_LENGTH:-1}}",
      description =
          "Intermediates between a leaf and its root (env LOCALACME_CHAIN_LENGTH or"
              + " PEBBLE_CHAIN_LENGTH; default ${DEFAULT-VALUE}).")
  int chainLength;

  @Option(
      names = "--orders-per-page",
      defaultValue = "${env:LOCALACME_ORDERS_PER_PAGE:-${env:PEBBLE_WFE_ORDERS_PER_PAGE:-10}}",
      description =
          "Orders per page of an account's orders list (env LOCALACME_ORDERS_PER_PAGE or"
              + " PEBBLE_WFE_ORDERS_PER_PAGE; default ${DEFAULT-VALUE}).")
  int ordersPerPage;

  @Option(
      names = "--authz-reuse",
      defaultValue = "${env:LOCALACME_AUTHZ_REUSE:-${env:PEBBLE_AUTHZREUSE:-0}}",
      description =
          "Percent chance that an order reuses a valid authorization; pre-authorizations are"
              + " always reused (env LOCALACME_AUTHZ_REUSE or PEBBLE_AUTHZREUSE; default"
              + " ${DEFAULT-VALUE}).")
  int authzReuse;

  void configure(AcmeServer.Builder builder) {
    builder
        .alternateRoots(alternateRoots)
        .chainLength(chainLength)
        .ordersPerPage(ordersPerPage)
        .authorizationReusePercent(authzReuse);
  }
}
