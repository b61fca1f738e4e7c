package dev.localacme.server.internal.challtestsrv;

import java.net.InetSocketAddress;

/**
 * Parses listen addresses as pebble-challtestsrv takes them: {@code host:port}, {@code [v6]:port},
 * or {@code :port} for the default host (all interfaces when that is empty).
 */
final class ListenAddress {
  private ListenAddress() {}

  static InetSocketAddress parse(String address, String defaultHost) {
    String value = address.trim();
    String host;
    String port;
    if (value.startsWith("[")) {
      int close = value.indexOf("]:");
      if (close < 0) {
        throw invalid(address);
      }
      host = value.substring(1, close);
      port = value.substring(close + 2);
    } else {
      int colon = value.lastIndexOf(':');
      if (colon < 0) {
        host = "";
        port = value;
      } else {
        host = value.substring(0, colon);
        port = value.substring(colon + 1);
        if (host.contains(":")) {
          throw invalid(address);
        }
      }
    }
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw invalid(address);
    }
    if (number < 0 || number > 65535) {
      throw invalid(address);
    }
    if (host.isEmpty()) {
      host = defaultHost == null ? "" : defaultHost;
    }
    return host.isEmpty() ? new InetSocketAddress(number) : new InetSocketAddress(host, number);
  }

  private static IllegalArgumentException invalid(String address) {
    return new IllegalArgumentException(
        "\"" + address + "\" is not a listen address; write host:port, [v6]:port or :port");
  }
}
