package dev.localacme.server.internal.standalone;

import dev.localacme.server.ValidationTarget;
import picocli.CommandLine;

/** A {@code --route}: validate {@code name} (or every name under {@code *.domain}) at a target. */
public record RouteOption(String name, ValidationTarget target) {
  @Override
  public String toString() {
    return name
        + " -> "
        + target.host()
        + (target.http01Port() > 0 ? " port " + target.http01Port() : "")
        + (target.tlsAlpn01Port() > 0 ? ", tls-alpn-01 port " + target.tlsAlpn01Port() : "");
  }

  /**
   * Reads {@code name=host[:http01Port[:tlsAlpn01Port]]}; an IPv6 host goes in brackets. Blank
   * reads as null, which {@link NetworkOptions} drops.
   */
  public static final class Converter implements CommandLine.ITypeConverter<RouteOption> {
    @Override
    public RouteOption convert(String value) {
      if (value.isBlank()) {
        return null; // an empty LOCALACME_ROUTES means none
      }
      int equals = value.indexOf('=');
      if (equals <= 0 || equals == value.length() - 1) {
        throw new CommandLine.TypeConversionException(
            "route '" + value + "' is not NAME=HOST[:HTTP01PORT[:TLSALPN01PORT]]");
      }
      String target = value.substring(equals + 1).trim();
      String host = target;
      String ports = "";
      if (target.startsWith("[")) {
        int close = target.indexOf(']');
        host = target.substring(1, Math.max(1, close));
        ports = close < 0 ? "" : target.substring(close + 1);
      } else if (target.indexOf(':') >= 0) {
        host = target.substring(0, target.indexOf(':'));
        ports = target.substring(target.indexOf(':'));
      }
      String[] port = ports.isEmpty() ? new String[0] : ports.substring(1).split(":", -1);
      if (host.isBlank() || (!ports.isEmpty() && !ports.startsWith(":")) || port.length > 2) {
        throw new CommandLine.TypeConversionException(
            "route '" + value + "' is not NAME=HOST[:HTTP01PORT[:TLSALPN01PORT]]");
      }
      try {
        return new RouteOption(
            value.substring(0, equals).trim(),
            new ValidationTarget(host, port(port, 0, value), port(port, 1, value)));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("route '" + value + "': " + e.getMessage());
      }
    }

    private static int port(String[] ports, int index, String value) {
      if (index >= ports.length) {
        return 0;
      }
      try {
        return Integer.parseInt(ports[index]);
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException(
            "route '" + value + "': '" + ports[index] + "' is not a port number");
      }
    }
  }
}
