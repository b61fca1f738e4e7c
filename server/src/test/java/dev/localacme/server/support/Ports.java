package dev.localacme.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Loopback ports for processes that must be told theirs before they start, and for a port where
 * nothing listens.
 */
public final class Ports {
  private Ports() {}

  /**
   * A port that was free a moment ago. Prefer port 0 wherever the process can report the port it
   * got; this is for the rest (a restart on the same port, a tool's command line) and for a
   * connection that must be refused.
   */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
