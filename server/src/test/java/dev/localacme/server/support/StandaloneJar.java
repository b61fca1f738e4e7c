package dev.localacme.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The standalone jar (system property {@code localacme.jar}) in its own process, on ports chosen by
 * the test, ready once its directory answers.
 */
public final class StandaloneJar implements AutoCloseable {
  private static final Duration READY = Duration.ofSeconds(60);

  private final Process process;
  private final Path log;
  private final int port;
  private final int managementPort;

  private StandaloneJar(Process process, Path log, int port, int managementPort) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.managementPort = managementPort;
  }

  /**
   * Starts the jar with {@code --port}, {@code --management-port} and {@code --crl-port} on free
   * ports and {@code --ephemeral} (unless {@code args} name a {@code --data-dir}), plus {@code
   * args}; skips the test when the jar is not built.
   */
  public static StandaloneJar start(Path workDir, String... args) throws Exception {
    String jar = System.getProperty("localacme.jar");
    assumeTrue(
        jar != null && Files.isRegularFile(Path.of(jar)),
        "the standalone jar is not built; ./mvnw verify packages it before the *IT tests run");
    int port = freePort();
    int management = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar,
                "--port",
                Integer.toString(port),
                "--management-port",
                Integer.toString(management),
                "--crl-port",
                Integer.toString(freePort())));
    if (!List.of(args).contains("--data-dir")) {
      // Pebble's behaviour, which these tests expect: a throwaway root, nothing written to $HOME.
      command.add("--ephemeral");
    }
    command.addAll(List.of(args));
    Path log = Files.createTempFile(workDir, "localacme", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("LOCALACME_") || k.startsWith("PEBBLE_"));
    StandaloneJar started = new StandaloneJar(builder.start(), log, port, management);
    started.awaitReady();
    return started;
  }

  /** A port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI directory() {
    return URI.create("https://localhost:" + port + "/dir");
  }

  /** GET on the management API, trusting anything: only for reading LocalAcme's own roots. */
  public String management(String path) throws Exception {
    HttpResponse<String> response =
        insecureClient()
            .send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + managementPort + path))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  /** POST of a JSON body to the management API; fails unless it answers 2xx. */
  public String managementPost(String path, String body) throws Exception {
    HttpResponse<String> response =
        insecureClient()
            .send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + managementPort + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new AssertionError(
          "POST " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  /** Root {@code n} as served at {@code /roots/n}. */
  public X509Certificate root(int n) throws Exception {
    return java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificates(
            new java.io.ByteArrayInputStream(
                management("/roots/" + n).getBytes(StandardCharsets.US_ASCII)))
        .stream()
        .map(X509Certificate.class::cast)
        .findFirst()
        .orElseThrow();
  }

  /** What the server printed so far. */
  public String output() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + READY.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the jar exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        HttpResponse<Void> response =
            insecureClient()
                .send(
                    HttpRequest.newBuilder(directory()).build(),
                    HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    close();
    throw new AssertionError(
        "the jar was not ready within " + READY.toSeconds() + " s:\n" + output());
  }

  private static HttpClient insecureClient() throws Exception {
    TrustManager trustAll =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
    return HttpClient.newBuilder().sslContext(context).build();
  }
}
