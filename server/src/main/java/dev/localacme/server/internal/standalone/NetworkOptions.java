package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Option;

/**
 * Where validation goes and which names the API's certificate carries: what a server in a container
 * needs to reach the sites it validates and to be reached by their clients.
 */
public final class NetworkOptions {
  @Option(
      names = "--validation-host",
      defaultValue = "${env:LOCALACME_VALIDATION_HOST:-127.0.0.1}",
      description =
          "Host every name without a route is validated at (env LOCALACME_VALIDATION_HOST; default ${DEFAULT-VALUE}).")
  String validationHost;

  @Option(
      names = "--tls-name",
      split = ",",
      paramLabel = "NAME",
      defaultValue = "${env:LOCALACME_TLS_NAMES}",
      description =
          "Extra DNS name or IP address for the API's own certificate; repeatable (env LOCALACME_TLS_NAMES, comma-separated).")
  List<String> tlsNames = new ArrayList<>();

  @Option(
      names = "--route",
      split = ",",
      paramLabel = "NAME=HOST[:HTTP01PORT[:TLSALPN01PORT]]",
      defaultValue = "${env:LOCALACME_ROUTES}",
      converter = RouteOption.Converter.class,
      description =
          "Validate NAME (or every name under *.domain) at HOST, on these ports if given; repeatable (env LOCALACME_ROUTES, comma-separated).")
  List<RouteOption> routes = new ArrayList<>();

  void configure(AcmeServer.Builder builder) {
    builder.validationHost(validationHost);
    tlsNames.stream().filter(name -> !name.isBlank()).forEach(builder::tlsName);
    routes().forEach(route -> builder.route(route.name(), route.target()));
  }

  /** The routes as the start-up banner lists them. */
  List<String> routeLines() {
    return routes().stream().map(String::valueOf).toList();
  }

  /** The routes given; a blank one (an empty {@code LOCALACME_ROUTES}) reads as null: none. */
  private List<RouteOption> routes() {
    return routes.stream().filter(Objects::nonNull).toList();
  }
}
