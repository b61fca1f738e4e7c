package dev.localacme.server.internal.standalone;

import dev.localacme.server.internal.protocol.DirectoryJson;
import dev.localacme.server.internal.protocol.Json;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import org.slf4j.LoggerFactory;

/**
 * Start-up work that needs no settings, done on a second thread while the main thread parses the
 * command line and loads the CA: it starts SLF4J (slf4j-simple's time format loads the JDK's locale
 * data) and then initializes the classes whose first use is slow (X.509 and EC, TLS and an SSL
 * engine, XNIO, Undertow's request parsing, Jackson for the first response). Each step only warms
 * what the server would initialize anyway; a step that fails changes nothing.
 */
public final class Warmup {
  private static final CountDownLatch LOGGING = new CountDownLatch(1);

  private Warmup() {}

  /** Starts warming up on a daemon thread, unless {@code -Dlocalacme.warmup=false}. */
  public static void start() {
    if (!Boolean.parseBoolean(System.getProperty("localacme.warmup", "true"))) {
      LOGGING.countDown();
      return;
    }
    Thread thread = new Thread(Warmup::run, "localacme-warmup");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Returns once SLF4J has started, starting it here if the warm-up does not run. Call it before
   * the first log call: a call made while another thread starts SLF4J is replayed later, with a
   * warning on standard error.
   */
  public static void awaitLogging() {
    try {
      LOGGING.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LoggerFactory.getILoggerFactory();
  }

  private static void run() {
    try {
      LoggerFactory.getILoggerFactory();
    } finally {
      LOGGING.countDown();
    }
    // In the order the main thread needs them: X.509 and EC for the CA (loaded right after the
    // command line is parsed), TLS and XNIO for the listeners, Jackson for the first response.
    quietly(
        () -> {
          CertificateFactory.getInstance("X.509");
          KeyFactory.getInstance("EC");
          Signature.getInstance("SHA256withECDSA");
        });
    quietly(
        () -> {
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
          // An engine of a context without keys or trust (no cacerts to load): the first
          // connection's engine then finds its classes initialized.
          SSLContext tls = SSLContext.getInstance("TLS");
          tls.init(new KeyManager[0], new TrustManager[0], null);
          SSLEngine engine = tls.createSSLEngine();
          engine.setUseClientMode(false);
          engine.beginHandshake();
        });
    quietly(() -> Class.forName("org.xnio.Xnio").getMethod("getInstance").invoke(null));
    quietly(() -> Class.forName("io.undertow.Undertow"));
    // Parsing the first request initializes Undertow's cookie constants, whose string
    // concatenations spin method handles.
    quietly(() -> Class.forName("io.undertow.util.Cookies", true, Warmup.class.getClassLoader()));
    quietly(
        () ->
            Json.write(
                new DirectoryJson(
                    "n",
                    "a",
                    "o",
                    null,
                    "r",
                    "k",
                    null,
                    new DirectoryJson.Meta(
                        "t", "w", List.of("c"), Boolean.TRUE, Map.of("p", "d")))));
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void quietly(Step step) {
    try {
      step.run();
    } catch (Exception | LinkageError e) {
      // warming up is an optimization only
    }
  }
}
