package dev.localacme.server.bench;

import dev.localacme.server.KeyAlgorithm;
import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.ChallengeResponder;
import dev.localacme.server.support.Issuance;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.StandaloneJar;
import dev.localacme.server.support.TrustAll;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;

/**
 * Start-up and memory of the standalone jar, with Pebble (the Debian package) measured the same way
 * alongside, interleaved run by run so both see the same machine load.
 *
 * <ul>
 *   <li>start to ready: from launching the process to the first {@code 200} for {@code GET /dir} (a
 *       full TLS handshake), polling every 5 ms; LocalAcme with an existing data directory
 *   <li>resident memory (VmRSS) idle two seconds after start, and after N issuances (acme4j, 8
 *       clients in parallel, real http-01 against a loopback responder)
 * </ul>
 *
 * <pre>
 * ./mvnw -B -q -pl server -am package -DskipTests
 * ./mvnw -B -q -pl server exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.localacme.server.bench.StandaloneBenchmark \
 *   -Dexec.args="--runs 15 --issuances 1000 --port 23500 --cds"
 * </pre>
 *
 * Extra JVM options for the jar go in {@code --jvm "-XX:+UseSerialGC ..."}; {@code --cds} also
 * measures the jar started as the README starts it: with the JVM options the build wrote beside it
 * ({@code @localacme.args}: the class data archive {@code localacme.jsa}, C1 only). {@code
 * --against other/localacme.jar} measures another build in the same runs, interleaved (with its own
 * archive under {@code --cds}), to compare a change. {@code --floor} (with {@code --cds}) also
 * measures two {@link FloorServer}s, HTTPS servers that only answer {@code GET /dir} with a
 * constant, on Undertow and on the JDK's {@code HttpsServer}, each with a class data archive of its
 * own and the README's other JVM options: what the stack alone costs, below anything LocalAcme
 * does.
 */
public final class StandaloneBenchmark {
  private int runs = 15;
  private int issuances = 1000;
  private int basePort = 23500;
  private Path jar = Path.of("server/target/localacme.jar");
  private Path against;
  private List<String> jvmOptions = List.of();
  private boolean cds;
  private boolean floor;
  private int settleSeconds = 2;
  private Path work;

  public static void main(String[] args) throws Exception {
    StandaloneBenchmark benchmark = new StandaloneBenchmark();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> benchmark.runs = Integer.parseInt(args[++i]);
        case "--issuances" -> benchmark.issuances = Integer.parseInt(args[++i]);
        case "--port" -> benchmark.basePort = Integer.parseInt(args[++i]);
        case "--jar" -> benchmark.jar = Path.of(args[++i]);
        case "--against" -> benchmark.against = Path.of(args[++i]);
        case "--jvm" -> benchmark.jvmOptions = List.of(args[++i].trim().split("\\s+"));
        case "--cds" -> benchmark.cds = true;
        case "--floor" -> benchmark.floor = true;
        case "--settle" -> benchmark.settleSeconds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    benchmark.run();
    System.exit(0);
  }

  private void run() throws Exception {
    work = Files.createTempDirectory("localacme-bench-");
    boolean pebble =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "pebble")));
    System.out.printf(
        "machine: %d CPUs, %s %s, load average %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    if (!pebble) {
      System.out.println(
          "pebble is not installed (apt-get install pebble): measuring LocalAcme only");
    }
    // The first start creates the data directory; it is not measured.
    if (runs == 0) {
      try (Server first = localAcme(0)) {
        first.awaitReady();
      }
      memory("LocalAcme", this::localAcme);
      return;
    }
    try (Server first = localAcme(0)) {
      first.awaitReady();
    }
    List<String> plainJvm = jvmOptions;
    List<String> cdsJvm = null;
    if (cds) {
      // The archive the build records (CdsTraining), as the README's start command uses it.
      Path archive = jar.toAbsolutePath().resolveSibling("localacme.jsa");
      if (!Files.exists(archive)) {
        throw new IllegalStateException(archive + " is missing: build with ./mvnw package");
      }
      cdsJvm = concat(plainJvm, StandaloneJar.readmeJvmOptions(jar));
    }
    if (floor && cdsJvm == null) {
      throw new IllegalArgumentException("--floor compares with the README's start: add --cds");
    }
    List<String> undertowFloor = floor ? trainFloor("undertow") : null;
    List<String> jdkFloor = floor ? trainFloor("jdk") : null;
    List<Long> floorUndertow = new ArrayList<>();
    List<Long> floorUndertowCpu = new ArrayList<>();
    List<Long> floorJdk = new ArrayList<>();
    List<Long> floorJdkCpu = new ArrayList<>();
    // The other build starts the same way: as its own README said, under --cds.
    List<String> againstJvm =
        against == null || cdsJvm == null
            ? plainJvm
            : concat(plainJvm, StandaloneJar.readmeJvmOptions(against));
    List<Long> local = new ArrayList<>();
    List<Long> localCpu = new ArrayList<>();
    List<Long> fast = new ArrayList<>();
    List<Long> fastCpu = new ArrayList<>();
    List<Long> peb = new ArrayList<>();
    List<Long> other = new ArrayList<>();
    List<Long> otherCpu = new ArrayList<>();
    List<Long> pebCpu = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      jvmOptions = plainJvm;
      long[] l = startToReady(this::localAcme);
      local.add(l[0]);
      localCpu.add(l[1]);
      if (cdsJvm != null) {
        jvmOptions = cdsJvm;
        long[] f = startToReady(this::localAcme);
        fast.add(f[0]);
        fastCpu.add(f[1]);
      }
      if (against != null) {
        Path own = jar;
        jar = against;
        jvmOptions = againstJvm;
        try {
          long[] o = startToReady(this::localAcme);
          other.add(o[0]);
          otherCpu.add(o[1]);
        } finally {
          jar = own;
        }
      }
      if (floor) {
        long[] u = startToReady(http01 -> floorServer("undertow", undertowFloor));
        floorUndertow.add(u[0]);
        floorUndertowCpu.add(u[1]);
        long[] j = startToReady(http01 -> floorServer("jdk", jdkFloor));
        floorJdk.add(j[0]);
        floorJdkCpu.add(j[1]);
      }
      if (pebble) {
        long[] p = startToReady(this::pebble);
        peb.add(p[0]);
        pebCpu.add(p[1]);
      }
    }
    jvmOptions = plainJvm;
    report("start to ready, LocalAcme (existing data dir)", local);
    report("  CPU time used until ready", localCpu);
    if (cdsJvm != null) {
      report("start to ready, LocalAcme as the README starts it", fast);
      report("  CPU time used until ready", fastCpu);
    }
    if (against != null) {
      report(
          "start to ready, " + against + (cdsJvm != null ? " as its README starts it" : ""), other);
      report("  CPU time used until ready", otherCpu);
    }
    if (floor) {
      report("start to ready, floor: bare Undertow HTTPS", floorUndertow);
      report("  CPU time used until ready", floorUndertowCpu);
      report("start to ready, floor: the JDK's HttpsServer", floorJdk);
      report("  CPU time used until ready", floorJdkCpu);
    }
    if (pebble) {
      report("start to ready, Pebble", peb);
      report("  CPU time used until ready", pebCpu);
    }
    if (issuances == 0) {
      return;
    }
    memory("LocalAcme", this::localAcme);
    if (pebble) {
      // A peer's failure is reported, not fatal: now and then Pebble fails under the 8-client
      // load (in one run of IssuanceBenchmark, one of its requests timed out).
      try {
        memory("Pebble", this::pebble);
      } catch (Exception e) {
        System.out.println("Pebble's issuance run failed, so it has no memory row: " + e);
      }
    }
  }

  private interface Launcher {
    /** Starts a server that validates http-01 on {@code http01Port} (0: an unused default). */
    Server launch(int http01Port) throws IOException;
  }

  /** Milliseconds from launch to ready, and the CPU time the process had used by then. */
  private long[] startToReady(Launcher launcher) throws Exception {
    long started = System.nanoTime();
    try (Server server = launcher.launch(0)) {
      server.awaitReady();
      long wall = (System.nanoTime() - started) / 1_000_000;
      return new long[] {wall, server.cpuMillis()};
    }
  }

  private void memory(String name, Launcher launcher) throws Exception {
    try (ChallengeResponder responder = ChallengeResponder.start();
        Server server = launcher.launch(responder.port())) {
      server.awaitReady();
      Thread.sleep(2000);
      long idle = server.rssKb();
      long started = System.nanoTime();
      issue(server, responder);
      double seconds = (System.nanoTime() - started) / 1e9;
      long after = server.rssKb();
      Thread.sleep(settleSeconds * 1000L);
      long settled = server.rssKb();
      System.out.printf(
          Locale.ROOT,
          "%-10s RSS idle %6.1f MB | after %d issuances %6.1f MB (%d s later %6.1f MB) | %d"
              + " issuances took %.1f s (%.0f/s)%n",
          name,
          idle / 1024.0,
          issuances,
          after / 1024.0,
          settleSeconds,
          settled / 1024.0,
          issuances,
          seconds,
          issuances / seconds);
    }
  }

  private void issue(Server server, ChallengeResponder responder) throws Exception {
    int clients = 8;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int c = 0; c < clients; c++) {
        done.add(
            pool.submit(
                () -> {
                  Login login =
                      Acme4j.newAccount(
                          Acme4j.session(server.directory(), server.trust()), KeyPairs.ec());
                  for (int n = next.getAndIncrement(); n < issuances; n = next.getAndIncrement()) {
                    Order order =
                        login.getAccount().newOrder().domain("b" + n + ".bench.test").create();
                    Issuance.complete(order, responder, Duration.ofSeconds(60)).getCertificate();
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      // Its threads are not daemons: a pool left running would keep exec:java waiting forever.
      pool.shutdownNow();
    }
  }

  private static List<String> concat(List<String> list, List<String> more) {
    List<String> all = new ArrayList<>(list);
    all.addAll(more);
    return all;
  }

  private static void report(String what, List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf(
        "%-46s median %4d ms, min %4d ms, max %4d ms (%d runs)%n",
        what,
        sorted.get(sorted.size() / 2),
        sorted.get(0),
        sorted.get(sorted.size() - 1),
        sorted.size());
  }

  // ---- the two servers

  private Server localAcme(int http01) throws IOException {
    int http01Port = http01 > 0 ? http01 : basePort + 2;
    List<String> command = new ArrayList<>();
    command.add(javaCommand());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-jar", jar.toString(),
            "--data-dir", work.resolve("localacme").toString(),
            "--port", Integer.toString(basePort),
            "--management-port", Integer.toString(basePort + 1),
            "--crl-port", Integer.toString(basePort + 3),
            "--http01-port", Integer.toString(http01Port)));
    return new Server(
        command,
        List.of(),
        URI.create("https://localhost:" + basePort + "/dir"),
        work.resolve("localacme/root.pem"),
        null);
  }

  /**
   * An EC P-256 certificate for localhost (cert.pem, with its chain), its PKCS#8 key (key.pem) and
   * root (root.pem) in {@code dir}, made once.
   */
  private static void serverIdentity(Path dir) throws IOException {
    if (Files.exists(dir.resolve("cert.pem"))) {
      return;
    }
    Files.createDirectories(dir);
    CertificateAuthority ca =
        CertificateAuthority.generate(
            CertificateAuthority.Settings.of(KeyAlgorithm.EC_P256), Clock.systemUTC());
    CertificateAuthority.ServerIdentity identity =
        ca.serverIdentity(List.of("localhost", "127.0.0.1"), Duration.ofDays(30));
    Files.writeString(dir.resolve("cert.pem"), Pem.certificates(identity.chain()));
    Files.writeString(dir.resolve("key.pem"), Pem.privateKey(identity.key()));
    Files.writeString(dir.resolve("root.pem"), Pem.certificate(ca.root()));
  }

  /**
   * Makes {@link FloorServer}'s class data archive for {@code kind} as the build makes LocalAcme's
   * (a training start under {@code -XX:DumpLoadedClassList}, then {@code -Xshare:dump}) and returns
   * the JVM options to start it with: the README's, with this archive.
   */
  private List<String> trainFloor(String kind) throws Exception {
    Path dir = work.resolve("floor");
    serverIdentity(dir);
    Path floorJar = dir.resolve("floor.jar");
    if (!Files.exists(floorJar)) {
      Path classes =
          Path.of(FloorServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      String folder = FloorServer.class.getPackageName().replace('.', '/');
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(floorJar));
          Stream<Path> files = Files.list(classes.resolve(folder))) {
        for (Path file :
            files.filter(f -> f.getFileName().toString().startsWith("FloorServer")).toList()) {
          out.putNextEntry(new JarEntry(folder + "/" + file.getFileName()));
          out.write(Files.readAllBytes(file));
          out.closeEntry();
        }
      }
    }
    Path classList = dir.resolve(kind + ".classlist");
    Path archive = dir.resolve(kind + ".jsa");
    try (Server training = floorServer(kind, List.of("-XX:DumpLoadedClassList=" + classList))) {
      training.awaitReady();
    }
    Process dump =
        new ProcessBuilder(
                concat(
                    List.of(
                        javaCommand(),
                        "-Xshare:dump",
                        "-XX:SharedClassListFile=" + classList,
                        "-XX:SharedArchiveFile=" + archive),
                    floorClassPath()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(kind + "-dump.log").toFile())
            .start();
    if (dump.waitFor() != 0 || !Files.exists(archive)) {
      throw new IllegalStateException(
          "could not make the floor's archive, see " + dir.resolve(kind + "-dump.log"));
    }
    // The README's options, then this archive: of two -XX:SharedArchiveFile, the JVM takes the
    // last.
    return concat(StandaloneJar.readmeJvmOptions(jar), List.of("-XX:SharedArchiveFile=" + archive));
  }

  private List<String> floorClassPath() {
    return List.of(
        "-cp",
        jar.toAbsolutePath() + File.pathSeparator + work.resolve("floor/floor.jar"),
        FloorServer.class.getName());
  }

  private Server floorServer(String kind, List<String> jvm) throws IOException {
    Path dir = work.resolve("floor");
    int port = basePort + 20;
    List<String> command = new ArrayList<>(List.of(javaCommand()));
    command.addAll(jvm);
    command.addAll(floorClassPath());
    command.addAll(
        List.of(
            kind,
            Integer.toString(port),
            dir.resolve("cert.pem").toString(),
            dir.resolve("key.pem").toString()));
    return new Server(
        command,
        List.of(),
        URI.create("https://localhost:" + port + "/dir"),
        dir.resolve("root.pem"),
        null);
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Server pebble(int http01) throws IOException {
    int http01Port = http01 > 0 ? http01 : basePort + 12;
    Path dir = work.resolve("pebble");
    serverIdentity(dir);
    Path config = dir.resolve("config-" + http01Port + ".json");
    Files.writeString(
        config,
        """
        {"pebble": {
          "listenAddress": "127.0.0.1:%d",
          "managementListenAddress": "127.0.0.1:%d",
          "certificate": "%s", "privateKey": "%s",
          "httpPort": %d, "tlsPort": %d, "ocspResponderURL": "",
          "externalAccountBindingRequired": false
        }}"""
            .formatted(
                basePort + 10,
                basePort + 11,
                dir.resolve("cert.pem"),
                dir.resolve("key.pem"),
                http01Port,
                basePort + 13));
    List<String> command = new ArrayList<>(List.of("pebble", "-config", config.toString()));
    Process dns = null;
    if (http01 > 0) {
      // Pebble resolves names through DNS; challtestsrv answers every name with 127.0.0.1.
      int dnsPort = basePort + 14;
      dns =
          new ProcessBuilder(
                  "pebble-challtestsrv",
                  "-dns01",
                  "127.0.0.1:" + dnsPort,
                  "-http01",
                  "",
                  "-https01",
                  "",
                  "-tlsalpn01",
                  "",
                  "-management",
                  "127.0.0.1:" + (basePort + 15),
                  "-defaultIPv6",
                  "")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      command.addAll(List.of("-dnsserver", "127.0.0.1:" + dnsPort));
    }
    return new Server(
        command,
        List.of("PEBBLE_VA_NOSLEEP=1", "PEBBLE_WFE_NONCEREJECT=0", "PEBBLE_AUTHZREUSE=0"),
        URI.create("https://localhost:" + (basePort + 10) + "/dir"),
        dir.resolve("root.pem"),
        dns);
  }

  /** A server process and a client that polls its directory. */
  private static final class Server implements AutoCloseable {
    private final Process process;
    private final URI directory;
    private final Path rootPem;
    private final Process companion;
    private Path log;

    Server(List<String> command, List<String> env, URI directory, Path rootPem, Process companion)
        throws IOException {
      this.companion = companion;
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      this.log = Files.createTempFile("bench-server-", ".log");
      builder.redirectOutput(log.toFile());
      for (String e : env) {
        builder.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
      }
      this.process = builder.start();
      this.directory = directory;
      this.rootPem = rootPem;
    }

    URI directory() {
      return directory;
    }

    void awaitReady() throws Exception {
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(TrustAll.context())
              .connectTimeout(Duration.ofSeconds(1))
              .build();
      HttpRequest request =
          HttpRequest.newBuilder(directory).timeout(Duration.ofSeconds(5)).build();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the server exited with " + process.exitValue() + ":\n" + Files.readString(log));
        }
        try {
          if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(5);
      }
      throw new IllegalStateException(
          "not ready within 60 s: " + directory + "\n" + Files.readString(log));
    }

    SSLContext trust() {
      try {
        X509Certificate root = Pem.parseCertificates(Files.readString(rootPem)).get(0);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", root);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** User and system CPU time of the process so far (clock ticks of 10 ms). */
    long cpuMillis() throws IOException {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    long rssKb() throws IOException {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    @Override
    public void close() {
      for (Process p : companion == null ? List.of(process) : List.of(process, companion)) {
        p.toHandle().destroy();
        try {
          p.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      try {
        Files.deleteIfExists(log);
      } catch (IOException e) {
        // a leftover log in the temporary directory is harmless
      }
    }
  }
}
