package dev.localacme.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localacme.server.internal.ca.Pem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The standalone jar ({@code server/target/localacme.jar}, system property {@code localacme.jar},
 * packaged before failsafe runs) in its own process, as a developer runs it: its stdout, stderr and
 * exit code are kept for assertions, and the URLs and root it prints are read from its banner.
 */
public final class StandaloneJar implements AutoCloseable {
  private static final Pattern DIRECTORY = Pattern.compile("ACME directory:\\s+(\\S+)");
  private static final Pattern ROOT = Pattern.compile("Root certificate:\\s+(\\S+)");
  private static final Pattern MANAGEMENT = Pattern.compile("Management API:\\s+(\\S+)");
  private static final Duration READY = Duration.ofSeconds(60);

  /** The last line of the server's start-up banner. */
  private static final Predicate<String> BANNER_END = line -> line.startsWith("    Node ");

  /** What the challtestsrv subcommand prints once it listens. */
  private static final Predicate<String> CHALLTESTSRV_READY = line -> line.endsWith(" is ready.");

  private final Process process;
  private final List<String> out = Collections.synchronizedList(new ArrayList<>());
  private final List<String> err = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Thread outReader;
  private final Thread errReader;

  private StandaloneJar(Process process, Predicate<String> readyLine) {
    this.process = process;
    this.outReader = pump(process.getInputStream(), out, readyLine);
    this.errReader = pump(process.getErrorStream(), err, line -> false);
  }

  /** The jar, or a skipped test when it has not been built (as when run from an IDE). */
  public static Path path() {
    String jar = System.getProperty("localacme.jar");
    assumeTrue(
        jar != null && Files.isRegularFile(Path.of(jar)),
        "the standalone jar is not built (run ./mvnw verify, which packages it first)");
    return Path.of(jar);
  }

  /**
   * The JVM options the README's start command gives {@code jar}: the argument file the build
   * leaves beside it ({@code @localacme.args}). A jar built before that file existed gets what the
   * README said then: its class data archive, if any, and only the JIT's quick compiler (C1).
   */
  public static List<String> readmeJvmOptions(Path jar) {
    Path directory = jar.toAbsolutePath().getParent();
    Path arguments = directory.resolve("localacme.args");
    if (Files.exists(arguments)) {
      return List.of("@" + arguments);
    }
    List<String> options = new ArrayList<>();
    Path archive = directory.resolve("localacme.jsa");
    if (Files.exists(archive)) {
      options.add("-XX:SharedArchiveFile=" + archive);
    }
    options.add("-XX:TieredStopAtLevel=1");
    return options;
  }

  /**
   * Starts the jar with exactly {@code args} (plus {@code --crl-port 0} unless they name one: the
   * default port may be taken on a shared machine) and waits until it has printed its start-up
   * banner, or until it has exited (then check {@link #isReady()} and the output).
   */
  public static StandaloneJar start(Map<String, String> env, String... args) {
    return startWithJvmOptions(List.of(), env, args);
  }

  /** {@link #start(Map, String...)}, with {@code jvmOptions} before {@code -jar}. */
  public static StandaloneJar startWithJvmOptions(
      List<String> jvmOptions, Map<String, String> env, String... args) {
    StandaloneJar jar = launch(jvmOptions, env, withCrlPort(args), BANNER_END);
    jar.awaitReadyOrExit();
    return jar;
  }

  public static StandaloneJar start(String... args) {
    return start(Map.of(), args);
  }

  /**
   * Starts the jar as Pebble runs, which tests of Pebble's clients expect: {@code --ephemeral} (a
   * throwaway root, nothing written to $HOME), the ACME and management APIs on free ports, plus
   * {@code args}; fails unless it becomes ready.
   */
  public static StandaloneJar startEphemeral(String... args) {
    List<String> all =
        new ArrayList<>(List.of("--ephemeral", "--port", "0", "--management-port", "0"));
    all.addAll(List.of(args));
    return requireReady(start(all.toArray(String[]::new)));
  }

  /** Starts {@code java -jar localacme.jar challtestsrv <args>} and waits until it listens. */
  public static StandaloneJar startChallTestSrv(String... args) {
    List<String> all = new ArrayList<>(List.of("challtestsrv"));
    all.addAll(List.of(args));
    StandaloneJar jar = launch(List.of(), Map.of(), all, CHALLTESTSRV_READY);
    jar.awaitReadyOrExit();
    return requireReady(jar);
  }

  /** Runs the jar to completion (for --help and errors) and returns it, exited. */
  public static StandaloneJar run(Map<String, String> env, String... args) {
    StandaloneJar jar = launch(List.of(), env, withCrlPort(args), line -> false);
    jar.waitFor();
    return jar;
  }

  public static StandaloneJar run(String... args) {
    return run(Map.of(), args);
  }

  /**
   * The flags that run the challenge test server with only its DNS server and management API, on
   * these ports (0 for the DNS server: any free one): where a client's hooks publish dns-01
   * records.
   */
  public static String[] challengeTestDns(int dnsPort, int managementPort) {
    return new String[] {
      "--challtestsrv-dns",
      "127.0.0.1:" + dnsPort,
      "--challtestsrv-http01",
      "",
      "--challtestsrv-https01",
      "",
      "--challtestsrv-tlsalpn01",
      "",
      "--challtestsrv-management",
      "127.0.0.1:" + managementPort
    };
  }

  public boolean isReady() {
    return ready.getCount() == 0;
  }

  public URI directory() {
    return URI.create(find(DIRECTORY));
  }

  /** The management API's base URL, such as {@code https://localhost:15000}. */
  public URI managementUri() {
    return URI.create(find(MANAGEMENT));
  }

  /** A client of the management API, trusting the root the server printed. */
  public Management management() {
    return new Management(managementUri(), sslContext());
  }

  public Path rootPem() {
    return Path.of(find(ROOT));
  }

  public X509Certificate root() {
    try {
      return Pem.parseCertificates(Files.readString(rootPem())).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Root {@code n} (0 is {@link #root()}, the others are alternates) as served at /roots/n. */
  public X509Certificate root(int n) throws Exception {
    return Pem.parseCertificates(management().read("/roots/" + n)).get(0);
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

  /** Everything printed so far, stdout (where the log goes) first. */
  public String output() {
    return stdout() + "\n" + stderr();
  }

  /**
   * Waits until stdout contains {@code text}, for what the jar prints after its banner; fails after
   * a minute.
   */
  public void awaitOutput(String text) throws InterruptedException {
    long deadline = System.nanoTime() + READY.toNanos();
    while (!stdout().contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no \"" + text + "\" in the output:\n" + output());
      }
      Thread.sleep(20);
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
        throw new IllegalStateException("the jar did not exit in time:\n" + output());
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

  private static StandaloneJar launch(
      List<String> jvmOptions,
      Map<String, String> env,
      List<String> args,
      Predicate<String> readyLine) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(path().toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    // The test decides the configuration, not whoever runs the build.
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("LOCALACME_") || k.startsWith("PEBBLE_"));
    builder.environment().putAll(env);
    try {
      return new StandaloneJar(builder.start(), readyLine);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> withCrlPort(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--crl-port")) {
      all.addAll(List.of("--crl-port", "0"));
    }
    return all;
  }

  private static StandaloneJar requireReady(StandaloneJar jar) {
    if (!jar.isReady()) {
      throw new AssertionError("the jar exited with " + jar.exitCode() + ":\n" + jar.output());
    }
    return jar;
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
        "the jar was not ready within " + READY.toSeconds() + " s:\n" + output());
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
    throw new IllegalStateException("no " + pattern + " in the output:\n" + output());
  }

  private Thread pump(InputStream stream, List<String> lines, Predicate<String> readyLine) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  lines.add(line);
                  if (readyLine.test(line)) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // the process is gone
              }
            },
            "standalone-jar-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
