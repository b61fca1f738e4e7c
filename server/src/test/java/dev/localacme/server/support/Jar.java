package dev.localacme.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The standalone jar (system property {@code localacme.jar}, packaged before failsafe runs) as a
 * separate process, with its output kept for assertions and failure messages.
 */
public final class Jar implements AutoCloseable {
  private final Process process;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch ready = new CountDownLatch(1);

  private Jar(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                  if (line.contains("is ready")) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // the process is gone
              }
            },
            "jar-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** The jar's path, or a skipped test when it has not been built (as in an IDE). */
  public static Path path() {
    String jar = System.getProperty("localacme.jar");
    assumeTrue(
        jar != null && Files.isRegularFile(Path.of(jar)),
        "the standalone jar is not built; ./mvnw verify packages it before the end-to-end tests");
    return Path.of(jar);
  }

  /** Starts the jar with {@code args} and waits until it says it is ready. */
  public static Jar start(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(path().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("LOCALACME_"));
    Jar jar = new Jar(builder.start());
    if (!jar.ready.await(60, TimeUnit.SECONDS)) {
      jar.close();
      throw new IllegalStateException("the jar did not become ready:\n" + jar.output());
    }
    return jar;
  }

  public String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** A port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The root from a Pebble-style management API ({@code /roots/0}), fetched without checking the
   * API's certificate: the root is what the test then trusts, and chains are verified against it.
   */
  public static X509Certificate root(int managementPort) throws Exception {
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    HttpResponse<byte[]> response =
        HttpClient.newBuilder()
            .sslContext(trustAll)
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create("https://localhost:" + managementPort + "/roots/0"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(response.body()));
  }

  /** PEM text of a certificate, for clients that read trust from a file. */
  public static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  /** Certificates from a PEM file, leaf first. */
  public static List<X509Certificate> certificates(Path pem) throws Exception {
    List<X509Certificate> chain = new ArrayList<>();
    for (var certificate :
        CertificateFactory.getInstance("X.509").generateCertificates(Files.newInputStream(pem))) {
      chain.add((X509Certificate) certificate);
    }
    return chain;
  }

  @Override
  public void close() {
    process.toHandle().destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.toHandle().destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Outside programs some tests drive (lego, certbot, pebble-challtestsrv). */
  public static final class Commands {
    private Commands() {}

    /** Skips the test, saying what is missing, unless {@code program} is on the PATH. */
    public static void assumeInstalled(String program, String debianPackage) {
      boolean found = false;
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        found |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, program));
      }
      assumeTrue(
          found,
          program
              + " is not installed, so this test is skipped (Debian: apt-get install "
              + debianPackage
              + "; CI installs it)");
    }

    /** How a program ended, with stdout and stderr together. */
    public record Result(int exitCode, String output) {}

    public static Result run(Map<String, String> env, List<String> command) throws Exception {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(env);
      Path log = Files.createTempFile("command-", ".log");
      builder.redirectOutput(log.toFile());
      Process process = builder.start();
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.toHandle().destroyForcibly();
        process.waitFor();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      return new Result(process.exitValue(), output);
    }
  }
}
