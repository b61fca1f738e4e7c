package dev.localacme.server.bench;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.KeyAlgorithm;
import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.ChallengeResponder;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.Ports;
import dev.localacme.server.support.StandaloneJar;
import dev.localacme.server.support.TrustAll;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.AcmeJsonResource;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;

/**
 * LocalAcme beside Pebble, measured in one run with the same acme4j client code: start to ready
 * directory, one full issuance (p50, p99) and issuances per second with 8 concurrent clients. Both
 * servers run as separate processes (Pebble with PEBBLE_VA_NOSLEEP=1 and PEBBLE_WFE_NONCEREJECT=0);
 * both validate http-01 against the same responder. The client polls every 5 ms instead of
 * honouring Retry-After, so the numbers show the servers, not poll policy; {@code
 * -Dbench.poll=acme4j} uses acme4j's own {@code waitForCompletion} instead (what an application
 * sees: Pebble answers a challenge with {@code pending} and the client waits out its Retry-After).
 *
 * <p>Run: {@code ./mvnw -B -q -pl server -am package -DskipTests && ./mvnw -B -q -pl server
 * exec:java@bench}. Options (system properties): {@code bench.warmup} (default 300), {@code
 * bench.issuances} (500), {@code bench.seconds} (10), {@code bench.starts} (5), {@code bench.poll}
 * (5: milliseconds between polls, or {@code acme4j}), {@code bench.jvm} (more JVM options for the
 * jar, space-separated).
 */
public final class IssuanceBenchmark {
  private static final int WARMUP = Integer.getInteger("bench.warmup", 300);
  private static final int ISSUANCES = Integer.getInteger("bench.issuances", 500);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
  private static final int STARTS = Integer.getInteger("bench.starts", 5);
  private static final int CLIENTS = 8;
  private static final String POLL = System.getProperty("bench.poll", "5");
  private static final AtomicInteger NAMES = new AtomicInteger();

  private IssuanceBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("localacme-bench");
    Path configured = Path.of(System.getProperty("localacme.jar", "server/target/localacme.jar"));
    Path jar =
        (Files.exists(configured) ? configured : Path.of("target/localacme.jar")).toAbsolutePath();
    boolean pebble =
        Files.isExecutable(Path.of("/usr/bin/pebble"))
            && Boolean.parseBoolean(System.getProperty("bench.pebble", "true"));
    try {
      try (ChallengeResponder responder = ChallengeResponder.start()) {
        System.out.println(
            "LocalAcme benchmark: "
                + Runtime.getRuntime().availableProcessors()
                + " cores, Java "
                + System.getProperty("java.version"));
        List<Row> rows = new ArrayList<>();
        rows.add(
            measure(
                "LocalAcme (jar, README)", () -> startLocalAcme(jar, responder, work), responder));
        if (pebble) {
          // A peer's failure is reported, not fatal: once in a while one of Pebble's requests
          // fails under the 8-client load (a time-out, an authorization it cannot serve), so it
          // gets a second run, and the other rows count either way.
          for (int attempt = 1; attempt <= 2; attempt++) {
            try {
              rows.add(
                  measure(
                      "Pebble " + pebbleVersion(), () -> startPebble(responder, work), responder));
              break;
            } catch (Exception e) {
              System.out.println(
                  attempt == 1
                      ? "(Pebble's run failed, measuring it again: " + e.getMessage() + ")"
                      : "(Pebble's run failed again, so it has no row: " + e.getMessage() + ")");
            }
          }
        } else {
          System.out.println(
              "(Pebble not measured: it needs /usr/bin/pebble (apt-get install pebble) and no"
                  + " -Dbench.pebble=false)");
        }
        rows.add(inProcess(responder));
        print(rows);
      }
    } finally {
      deleteRecursively(work);
    }
  }

  private record Row(String name, Duration startup, double p50, double p99, double perSecond) {}

  private interface Starter {
    Peer start() throws Exception;
  }

  private static Row measure(String name, Starter starter, ChallengeResponder responder)
      throws Exception {
    long[] starts = new long[STARTS];
    for (int i = 0; i < STARTS; i++) {
      try (Peer peer = starter.start()) {
        starts[i] = peer.startup().toNanos();
      }
    }
    Arrays.sort(starts);
    try (Peer peer = starter.start()) {
      double[] latency = latencies(peer.directory(), peer.trust(), responder);
      double rate = throughput(peer.directory(), peer.trust(), responder);
      return new Row(name, Duration.ofNanos(starts[STARTS / 2]), latency[0], latency[1], rate);
    }
  }

  private static Row inProcess(ChallengeResponder responder) throws Exception {
    long started = System.nanoTime();
    try (AcmeServer server = AcmeServer.builder().http01Port(responder.port()).start()) {
      Duration startup = Duration.ofNanos(System.nanoTime() - started);
      double[] latency = latencies(server.directoryUri(), server.sslContext(), responder);
      double rate = throughput(server.directoryUri(), server.sslContext(), responder);
      return new Row("LocalAcme (in-process)", startup, latency[0], latency[1], rate);
    }
  }

  private static double[] latencies(URI directory, SSLContext trust, ChallengeResponder responder)
      throws Exception {
    Login login = login(directory, trust);
    for (int i = 0; i < WARMUP; i++) {
      issue(login, responder);
    }
    double[] millis = new double[ISSUANCES];
    for (int i = 0; i < ISSUANCES; i++) {
      long started = System.nanoTime();
      issue(login, responder);
      millis[i] = (System.nanoTime() - started) / 1e6;
    }
    Arrays.sort(millis);
    return new double[] {millis[ISSUANCES / 2], millis[(int) Math.ceil(ISSUANCES * 0.99) - 1]};
  }

  private static double throughput(URI directory, SSLContext trust, ChallengeResponder responder)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        Login login = login(directory, trust);
        clients.add(
            pool.submit(
                () -> {
                  while (running.get()) {
                    issue(login, responder);
                    done.incrementAndGet();
                  }
                  return null;
                }));
      }
      Thread.sleep(2_000);
      int before = done.get();
      long started = System.nanoTime();
      Thread.sleep(SECONDS * 1_000L);
      int after = done.get();
      double elapsed = (System.nanoTime() - started) / 1e9;
      running.set(false);
      for (Future<?> client : clients) {
        client.get(); // a client that failed fails the benchmark, with its cause
      }
      return (after - before) / elapsed;
    } finally {
      // Its threads are not daemons: left running, they would keep exec:java waiting forever.
      running.set(false);
      pool.shutdownNow();
    }
  }

  private static Login login(URI directory, SSLContext trust) throws Exception {
    return Acme4j.newAccount(Acme4j.session(directory, trust), KeyPairs.ec());
  }

  /** One full issuance: order, http-01, finalize, download. */
  private static void issue(Login login, ChallengeResponder responder) throws Exception {
    Order order = login.newOrder().domain("bench-" + NAMES.incrementAndGet() + ".test").create();
    Http01Challenge challenge =
        order.getAuthorizations().get(0).findChallenge(Http01Challenge.class).orElseThrow();
    responder.serve(challenge.getToken(), challenge.getAuthorization());
    challenge.trigger();
    poll(challenge::getStatus, challenge, "challenge");
    KeyPair key = KeyPairs.ec();
    order.execute(key);
    poll(order::getStatus, order, "order");
    if (order.getCertificate().getCertificateChain().isEmpty()) {
      throw new IllegalStateException("no certificate");
    }
  }

  private interface StatusSource {
    Status get();
  }

  private static void poll(StatusSource status, AcmeJsonResource resource, String what)
      throws Exception {
    if (POLL.equals("acme4j")) {
      Status done =
          resource instanceof Order order
              ? order.waitForCompletion(Duration.ofSeconds(60))
              : ((Http01Challenge) resource).waitForCompletion(Duration.ofSeconds(60));
      if (done != Status.VALID) {
        throw new IllegalStateException(what + " is " + done + ": " + resource.getJSON());
      }
      return;
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (status.get() != Status.VALID) {
      if (status.get() == Status.INVALID || System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " is " + status.get() + ": " + resource.getJSON());
      }
      Thread.sleep(Long.parseLong(POLL));
      resource.fetch();
    }
  }

  private static Peer startLocalAcme(Path jar, ChallengeResponder responder, Path work)
      throws Exception {
    int port = Ports.free();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(StandaloneJar.readmeJvmOptions(jar));
    String jvm = System.getProperty("bench.jvm", "").trim();
    if (!jvm.isEmpty()) {
      command.addAll(List.of(jvm.split("\\s+")));
    }
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--data-dir",
            work.resolve("localacme-data").toString(),
            "--port",
            String.valueOf(port),
            "--management-port",
            "-1",
            "--crl-port",
            String.valueOf(Ports.free()),
            "--http01-port",
            String.valueOf(responder.port())));
    Path log = work.resolve("localacme.log");
    // The benchmark trusts whatever the management-less server presents.
    return Peer.start(
        "LocalAcme",
        command,
        Map.of(),
        log,
        URI.create("https://localhost:" + port + "/dir"),
        TrustAll.context());
  }

  /** The servers' data, logs and Pebble's files: nothing of a run outlives it. */
  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static Peer startPebble(ChallengeResponder responder, Path work) throws Exception {
    CertificateAuthority ca =
        CertificateAuthority.generate(
            CertificateAuthority.Settings.of(KeyAlgorithm.EC_P256), Clock.systemUTC());
    CertificateAuthority.ServerIdentity identity =
        ca.serverIdentity(List.of("localhost", "127.0.0.1"), Duration.ofDays(30));
    Path cert = work.resolve("pebble-cert.pem");
    Path key = work.resolve("pebble-key.pem");
    Files.writeString(cert, Pem.certificates(identity.chain()));
    Files.writeString(key, Pem.privateKey(identity.key()));
    int port = Ports.free();
    int management = Ports.free();
    Path config = work.resolve("pebble-config.json");
    Files.writeString(
        config,
        """
        {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
          "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": 5001,
          "ocspResponderURL": "", "externalAccountBindingRequired": false}}
        """
            .formatted(port, management, cert, key, responder.port()));
    KeyStore roots = KeyStore.getInstance("PKCS12");
    roots.load(null, null);
    roots.setCertificateEntry("root", ca.root());
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(roots);
    SSLContext trust = SSLContext.getInstance("TLS");
    trust.init(null, factory.getTrustManagers(), null);
    int dns = Ports.free();
    Process challtestsrv =
        new ProcessBuilder(
                "/usr/bin/pebble-challtestsrv",
                "-dns01",
                "127.0.0.1:" + dns,
                "-management",
                "127.0.0.1:" + Ports.free(),
                "-http01",
                "",
                "-https01",
                "",
                "-tlsalpn01",
                "",
                "-defaultIPv6",
                "")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("challtestsrv.log").toFile())
            .start();
    Thread.sleep(300);
    // Pebble resolves identifiers through DNS, as its users run it: pebble-challtestsrv answers
    // every name with 127.0.0.1.
    try {
      return Peer.start(
              "Pebble",
              List.of(
                  "/usr/bin/pebble",
                  "-config",
                  config.toString(),
                  "-dnsserver",
                  "127.0.0.1:" + dns),
              Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0"),
              work.resolve("pebble.log"),
              URI.create("https://localhost:" + port + "/dir"),
              trust)
          .with(challtestsrv);
    } catch (Exception e) {
      Peer.stop(challtestsrv);
      throw e;
    }
  }

  private static String pebbleVersion() {
    try {
      Process process = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", "pebble").start();
      String version = new String(process.getInputStream().readAllBytes()).trim();
      return version.isEmpty() ? "" : version;
    } catch (Exception e) {
      return "";
    }
  }

  private static void print(List<Row> rows) {
    System.out.println();
    System.out.printf(
        "%-26s %16s %14s %14s %18s%n",
        "server", "start to ready", "issuance p50", "issuance p99", "issuances/s (8)");
    for (Row row : rows) {
      System.out.printf(
          "%-26s %13d ms %11.1f ms %11.1f ms %18.1f%n",
          row.name(), row.startup().toMillis(), row.p50(), row.p99(), row.perSecond());
    }
    System.out.printf(
        "(start: median of %d launches, in-process the one start, the first in this JVM; %d warm-up"
            + " then %d measured issuances; %d s of 8 concurrent clients; polling: %s)%n",
        STARTS,
        WARMUP,
        ISSUANCES,
        SECONDS,
        POLL.equals("acme4j") ? "acme4j waitForCompletion" : "every " + POLL + " ms");
  }
}
