package dev.localacme.server.internal.standalone;

import java.util.concurrent.CountDownLatch;

/**
 * Stops a server when the JVM is told to stop (SIGTERM, SIGINT), and lets the main thread wait
 * until it has.
 */
public final class Shutdown {
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Shutdown() {}

  /** Registers {@code stop} to run, on a thread of this name, when the JVM shuts down. */
  public static Shutdown onExit(String threadName, Runnable stop) {
    Shutdown shutdown = new Shutdown();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.run();
                  shutdown.stopped.countDown();
                },
                threadName));
    return shutdown;
  }

  /** Returns once the stop action has run. */
  public void await() throws InterruptedException {
    stopped.await();
  }
}
