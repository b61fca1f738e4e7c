package dev.localacme.server.internal.standalone;

import static dev.localacme.server.internal.standalone.OptionValues.nonEmpty;

import dev.localacme.server.AcmeServer;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where validation goes and which names the API's certificate carries: what a server in a container
 * needs to reach the sites it validates and to be reached by their clients.
 */
public final class NetworkOptions {
  private final OptionSpec validationHost =
      OptionSpec.builder("--validation-host")
          .type(String.class)
          .paramLabel("<validationHost>")
          .defaultValue("${env:LOCALACME_VALIDATION_HOST:-127.0.0.1}")
          .description(
              "Host every name without a route is validated at (env LOCALACME_VALIDATION_HOST;"
                  + " default ${DEFAULT-VALUE}).")
          .build();

  private final OptionSpec tlsNames =
      OptionSpec.builder("--tls-name")
          .type(List.class)
          .auxiliaryTypes(String.class)
          .splitRegex(",")
          .paramLabel("NAME")
          .defaultValue("${env:LOCALACME_TLS_NAMES}")
          .description(
              "Extra DNS name or IP address for the API's own certificate; repeatable (env"
                  + " LOCALACME_TLS_NAMES, comma-separated).")
          .build();

  private final OptionSpec routes =
      OptionSpec.builder("--route")
          .type(List.class)
          .auxiliaryTypes(RouteOption.class)
          .splitRegex(",")
          .paramLabel("NAME=HOST[:HTTP01PORT[:TLSALPN01PORT]]")
          .defaultValue("${env:LOCALACME_ROUTES}")
          .converters(new RouteOption.Converter())
          .description(
              "Validate NAME (or every name under *.domain) at HOST, on these ports if given;"
                  + " repeatable (env LOCALACME_ROUTES, comma-separated).")
          .build();

  void addTo(CommandSpec command) {
    command.addOption(validationHost).addOption(tlsNames).addOption(routes);
  }

  void configure(AcmeServer.Builder builder) {
    builder.validationHost(validationHost.getValue());
    nonEmpty(tlsNames.getValue()).forEach(builder::tlsName);
    routes().forEach(route -> builder.route(route.name(), route.target()));
  }

  /** The routes as the start-up banner lists them. */
  List<String> routeLines() {
    return routes().stream().map(String::valueOf).toList();
  }

  /** The routes given; a blank one (an empty {@code LOCALACME_ROUTES}) reads as null: none. */
  private List<RouteOption> routes() {
    List<RouteOption> given = routes.getValue();
    return given == null ? List.of() : given.stream().filter(Objects::nonNull).toList();
  }
}
