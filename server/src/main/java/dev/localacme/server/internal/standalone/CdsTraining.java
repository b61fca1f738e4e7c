package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.AcmeServerConfig;
import dev.localacme.server.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * The training run the build records a class data archive from: run under {@code
 * -XX:DumpLoadedClassList}, it is the standalone server's usual start, on a data directory that
 * already exists, until its directory, a nonce and the management API have answered over TLS. The
 * build then dumps every class on that list, parsed, verified and laid out, into a static archive
 * ({@code -Xshare:dump}), and a server started with {@code -XX:SharedArchiveFile} maps them instead
 * of loading them from the jar. Only the build runs this class.
 */
public final class CdsTraining {
  private static final Duration READY = Duration.ofSeconds(60);

  private CdsTraining() {}

  /** {@code args[0]}: a directory the training may delete and fill. */
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    deleteRecursively(data);
    // The first start creates the root, as a developer's first start does; the second, measured
    // one keeps it, so this one's trust is the one to connect with.
    SSLContext tls;
    try (AcmeServer first =
        AcmeServer.builder()
            .dataDirectory(data)
            .rootNameConstraints(AcmeServerConfig.DEVELOPMENT_NAMES)
            .port(0)
            .crlPort(-1)
            .start()) {
      tls = first.sslContext();
    }
    int port = freePort();
    int management = freePort();
    int crl = freePort();
    Thread server =
        new Thread(
            () ->
                Main.main(
                    new String[] {
                      "--data-dir", data.toString(),
                      "--port", String.valueOf(port),
                      "--management-port", String.valueOf(management),
                      "--crl-port", String.valueOf(crl)
                    }),
            "localacme-training");
    server.setDaemon(true);
    server.start();
    awaitOk(tls, URI.create("https://localhost:" + port + "/dir"), "GET");
    awaitOk(tls, URI.create("https://localhost:" + port + "/acme/new-nonce"), "HEAD");
    awaitOk(tls, URI.create("https://localhost:" + management + "/roots/0"), "GET");
    // Runs the server's shutdown hook, then the JVM writes the archive.
    System.exit(0);
  }

  private static void awaitOk(SSLContext tls, URI uri, String method) throws Exception {
    Instant deadline = Instant.now().plus(READY);
    while (true) {
      try {
        HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection();
        connection.setSSLSocketFactory(tls.getSocketFactory());
        connection.setRequestMethod(method);
        int status = connection.getResponseCode();
        try (InputStream body = connection.getInputStream()) {
          body.readAllBytes();
        }
        if (status / 100 == 2) {
          return;
        }
        throw new IllegalStateException(method + " " + uri + " answered " + status);
      } catch (IOException e) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("the server did not answer " + uri + " in " + READY, e);
        }
        Thread.sleep(20);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
