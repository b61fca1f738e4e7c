package dev.localacme.server.internal.standalone;

/** A listen address as Go writes it: {@code host:port}, {@code :port} or {@code [v6]:port}. */
public record HostPort(String host, int port) {

  /**
   * Parses an address; an empty host means every interface.
   *
   * @throws IllegalArgumentException naming {@code what} and the value
   */
  public static HostPort parse(String value, String what) {
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          what + " \"" + value + "\" is not host:port (for example 127.0.0.1:14000)");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          what + " \"" + value + "\" has no port between 0 and 65535 after the last colon");
    }
    return new HostPort(host.isEmpty() ? "0.0.0.0" : host, port);
  }
}
