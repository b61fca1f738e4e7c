package dev.localacme.testkit.internal;

import dev.localacme.server.AcmeServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers the testkit runs in this JVM, by ACME API port: how an {@code acme://localacme/...}
 * URI finds its server and its trust without any JVM-wide setting. Ports are unique per JVM, so
 * parallel test classes never see each other's entry.
 */
public final class RunningServers {
  private static final Map<Integer, AcmeServer> BY_PORT = new ConcurrentHashMap<>();

  private RunningServers() {}

  static void register(AcmeServer server) {
    BY_PORT.put(server.port(), server);
  }

  static void unregister(AcmeServer server, int port) {
    BY_PORT.remove(port, server);
  }

  public static Optional<AcmeServer> onPort(int port) {
    return Optional.ofNullable(BY_PORT.get(port));
  }

  public static List<AcmeServer> all() {
    return List.copyOf(BY_PORT.values());
  }
}
