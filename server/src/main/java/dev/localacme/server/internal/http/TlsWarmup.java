package dev.localacme.server.internal.http;

import dev.localacme.server.internal.validation.TrustAllManager;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/**
 * One TLS handshake in memory against the API's own {@link SSLContext}, on a daemon thread while
 * the listeners start, once per JVM. A JVM's first handshake initializes a few hundred JSSE and EC
 * classes and runs their code in the interpreter; done here, the first client's handshake no longer
 * pays for it, and a client polling for the server to come up gets its first answer sooner. Nothing
 * depends on it: a warm-up that fails changes nothing.
 */
public final class TlsWarmup {
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final int MAX_STEPS = 50;

  private TlsWarmup() {}

  /** Starts the warm-up with {@code server}, unless one has run in this JVM. */
  public static void start(SSLContext server) {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                handshake(server);
              } catch (SSLException | RuntimeException | LinkageError e) {
                // only a warm-up
              }
            },
            "localacme-tls-warmup");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Runs a client and a server engine against each other until both have finished the handshake;
   * returns whether they did.
   */
  static boolean handshake(SSLContext serverContext) throws SSLException {
    SSLContext clientContext;
    try {
      clientContext = SSLContext.getInstance("TLS");
      clientContext.init(null, new TrustManager[] {new TrustAllManager()}, null);
    } catch (GeneralSecurityException e) {
      return false;
    }
    SSLEngine client = clientContext.createSSLEngine("localhost", 443);
    client.setUseClientMode(true);
    SSLEngine server = serverContext.createSSLEngine();
    server.setUseClientMode(false);
    int packet = Math.max(client.getSession().getPacketBufferSize(), 32 * 1024);
    int application = Math.max(client.getSession().getApplicationBufferSize(), 32 * 1024);
    ByteBuffer toServer = ByteBuffer.allocate(packet);
    ByteBuffer toClient = ByteBuffer.allocate(packet);
    ByteBuffer clientIn = ByteBuffer.allocate(application);
    ByteBuffer serverIn = ByteBuffer.allocate(application);
    ByteBuffer nothing = ByteBuffer.allocate(0);
    client.beginHandshake();
    server.beginHandshake();
    for (int step = 0; step < MAX_STEPS; step++) {
      if (finished(client) && finished(server)) {
        return true;
      }
      client.wrap(nothing, toServer);
      server.wrap(nothing, toClient);
      runTasks(client);
      runTasks(server);
      toServer.flip();
      toClient.flip();
      client.unwrap(toClient, clientIn);
      server.unwrap(toServer, serverIn);
      runTasks(client);
      runTasks(server);
      toServer.compact();
      toClient.compact();
      clientIn.clear();
      serverIn.clear();
    }
    return false;
  }

  private static boolean finished(SSLEngine engine) {
    HandshakeStatus status = engine.getHandshakeStatus();
    return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
  }

  private static void runTasks(SSLEngine engine) {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }
}
