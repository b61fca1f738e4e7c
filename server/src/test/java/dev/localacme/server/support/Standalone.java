package dev.localacme.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The standalone jar ({@code server/target/localacme.jar}, system property {@code localacme.jar})
 * run as a separate process, as a developer runs it.
 */
public final class Standalone implements AutoCloseable {
  private static final Pattern DIRECTORY = Pattern.compile("ACME directory:\\s+(\\S+)");
  private static final Pattern ROOT = Pattern.compile("Root certificate:\\s+(\\S+)");
  private static final Pattern MANAGEMENT = Pattern.compile("Management API:\\s+(\\S+)");
  private static final Duration READY = Duration.ofSeconds(60);

  private final Process process;
  private final List<String> out = Collections.synchronizedList(new ArrayList<>());
  private final List<String> err = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Thread outReader;
  private final Thread errReader;

  private Standalone(Process process) {
    this.process = process;
    this.outReader = pump(process.getInputStream(), out, true);
    this.errReader = pump(process.getErrorStream(), err, false);
  }

  /** The jar, or a skipped test when it has not been built (as when run from an IDE). */
  public static Path jar() {
    String jar = System.getProperty("localacme.jar");
    assumeTrue(
        jar != null && Files.isRegularFile(Path.of(jar)),
        "the standalone jar is not built (run ./mvnw verify, which packages it first)");
    return Path.of(jar);
  }

  /**
   * Starts the jar and waits until it has printed its start-up banner (whose last line is the Node
   * trust hint), or until it has exited (then check the output).
   */
  public static Standalone start(Map<String, String> env, String... args) {
    Standalone standalone = launch(env, args);
    standalone.awaitReadyOrExit();
    return standalone;
  }

  public static Standalone start(String... args) {
    return start(Map.of(), args);
  }

  /** Runs the jar to completion (for --help and errors) and returns it, exited. */
  public static Standalone run(Map<String, String> env, String... args) {
    Standalone standalone = launch(env, args);
    standalone.waitFor();
    return standalone;
  }

  public static Standalone run(String... args) {
    return run(Map.of(), args);
  }

  private static Standalone launch(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    if (!command.contains("--crl-port")) {
      // The CRL listener's default port (14080) may be taken on a shared machine.
      command.addAll(List.of("--crl-port", "0"));
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("LOCALACME_") || k.startsWith("PEBBLE_"));
    builder.environment().putAll(env);
    try {
      return new Standalone(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isReady() {
    return ready.getCount() == 0;
  }

  public URI directory() {
    return URI.create(find(DIRECTORY));
  }

  /** The management API's base URL, such as {@code https://localhost:15000}. */
  public URI management() {
    return URI.create(find(MANAGEMENT));
  }

  public Path rootPem() {
    return Path.of(find(ROOT));
  }

  public X509Certificate root() {
    try {
      return (X509Certificate)
          java.security.cert.CertificateFactory.getInstance("X.509")
              .generateCertificate(Files.newInputStream(rootPem()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Trusts the root the server printed, and nothing else. */
  public SSLContext sslContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("root", root());
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public String stdout() {
    synchronized (out) {
      return String.join("\n", out);
    }
  }

  public String stderr() {
    synchronized (err) {
      return String.join("\n", err);
    }
  }

  /** The exit code, once exited. */
  public int exitCode() {
    return process.exitValue();
  }

  /** SIGTERM, then waits for the exit; returns the exit code. */
  public int stop() {
    // Through the handle: Process.destroy() would also close our end of its output.
    process.toHandle().destroy();
    return waitFor();
  }

  /** SIGKILL: the process gets no chance to clean up. */
  public void kill() {
    process.toHandle().destroyForcibly();
    waitFor();
  }

  public int waitFor() {
    try {
      if (!process.waitFor(READY.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the jar did not exit in time:\n" + stdout() + stderr());
      }
      outReader.join(5000);
      errReader.join(5000);
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }

  private void awaitReadyOrExit() {
    long deadline = System.nanoTime() + READY.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (ready.await(50, TimeUnit.MILLISECONDS)) {
          return;
        }
        if (!process.isAlive()) {
          waitFor();
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "the jar was not ready within " + READY.toSeconds() + " s:\n" + stdout() + "\n" + stderr());
  }

  private String find(Pattern pattern) {
    synchronized (out) {
      for (String line : out) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
          return matcher.group(1);
        }
      }
    }
    throw new IllegalStateException("no " + pattern + " in the output:\n" + stdout());
  }

  private Thread pump(InputStream stream, List<String> lines, boolean watchReady) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  lines.add(line);
                  if (watchReady && line.startsWith("    Node ")) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // the process is gone
              }
            },
            "standalone-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
