package dev.localacme.testkit.containers;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Statistics;
import dev.localacme.server.AcmeServer;
import dev.localacme.testkit.containers.sut.SystemUnderTest;
import java.net.InetAddress;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.AcmeJsonResource;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.toolbox.AcmeUtils;
import org.shredzone.acme4j.toolbox.JoseUtils;

/**
 * The container's size and speed: image size; container start to healthy and to LocalAcme's ready
 * line, with the image's JVM settings and with {@link LocalAcmeContainer}'s; and one issuance
 * through the container beside the same issuance in-process. Both issuances use the same acme4j
 * client code, which polls every 5 ms instead of honouring Retry-After, and a stateless http-01
 * responder: on the Docker bridge for the container, on loopback in-process.
 *
 * <p>Run after building the image ({@code docker/build-image.sh}): {@code ./mvnw -B -q -pl
 * client-testkit -am verify -DskipTests -Pcontainer-bench}. Options (system properties): {@code
 * bench.starts} (default 10), {@code bench.warmup} (100), {@code bench.issuances} (300).
 */
public final class ContainerBenchmark {
  private static final int STARTS = Integer.getInteger("bench.starts", 10);
  private static final int WARMUP = Integer.getInteger("bench.warmup", 100);
  private static final int ISSUANCES = Integer.getInteger("bench.issuances", 300);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private ContainerBenchmark() {}

  public static void main(String[] args) throws Exception {
    // Only the numbers: Undertow (in-process) and Testcontainers log at warn and above.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    DockerClient docker = DockerEngine.client();
    String image = DockerEngine.IMAGE.asCanonicalNameString();
    long size = docker.inspectImageCmd(image).exec().getSize();
    System.out.printf(
        "%s: %.1f MB uncompressed (%d cores, Java %s)%n",
        image,
        size / 1e6,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));

    // The image's own JVM settings, and LocalAcmeContainer's, taking turns so that both meet the
    // same load.
    String[] variants = {"", LocalAcmeContainer.JVM_OPTIONS};
    long[][][] starts = new long[variants.length][3][STARTS];
    for (int i = 0; i < STARTS; i++) {
      for (int variant = 0; variant < variants.length; variant++) {
        long[] one = startToHealthy(docker, image, variants[variant]);
        for (int measure = 0; measure < 3; measure++) {
          starts[variant][measure][i] = one[measure];
        }
      }
    }
    System.out.printf(
        "%-40s %22s %22s %22s%n",
        "start (median, max of " + STARTS + ")",
        "to the ready line",
        "to healthy",
        "CPU used by then");
    for (int variant = 0; variant < variants.length; variant++) {
      for (long[] measure : starts[variant]) {
        Arrays.sort(measure);
      }
      long[][] m = starts[variant];
      System.out.printf(
          "%-40s %11d ms, %5d ms %11d ms, %5d ms %11d ms, %5d ms%n",
          variants[variant].isEmpty() ? "image default" : "JDK_JAVA_OPTIONS=" + variants[variant],
          m[1][STARTS / 2],
          m[1][STARTS - 1],
          m[0][STARTS / 2],
          m[0][STARTS - 1],
          m[2][STARTS / 2],
          m[2][STARTS - 1]);
    }

    InetAddress bridge = DockerEngine.bridgeGateway();
    try (SystemUnderTest sut = SystemUnderTest.serve(bridge, 0, null);
        LocalAcmeContainer acme =
            new LocalAcmeContainer(DockerEngine.IMAGE).withHttp01Port(sut.port())) {
      acme.start();
      print("through the container", latencies(acme.getDirectoryUri(), acme.getSslContext(), sut));
    }
    try (SystemUnderTest sut = SystemUnderTest.serve(InetAddress.getLoopbackAddress(), 0, null);
        AcmeServer server = AcmeServer.builder().http01Port(sut.port()).start()) {
      print("in-process", latencies(server.directoryUri(), server.sslContext(), sut));
    }
    System.out.printf(
        "(%d warm-up then %d measured issuances of one name each)%n", WARMUP, ISSUANCES);
  }

  /**
   * Milliseconds from {@code docker start} to healthy and to the ready line in the log, and the CPU
   * time the container used by then (which, unlike the others, the machine's load leaves alone).
   * The times are Docker's own: when the first health probe passed and when the line was logged, so
   * that no polling competes with the container for the CPU.
   */
  private static long[] startToHealthy(DockerClient docker, String image, String javaOptions)
      throws Exception {
    String id =
        docker
            .createContainerCmd(image)
            .withHostConfig(
                HostConfig.newHostConfig()
                    .withExtraHosts(LocalAcmeContainer.HOST_GATEWAY + ":host-gateway"))
            .withEnv("LOCALACME_EPHEMERAL=true", "JDK_JAVA_OPTIONS=" + javaOptions)
            .exec()
            .getId();
    try {
      Instant started = Instant.now();
      docker.startContainerCmd(id).exec();
      HealthState health = docker.inspectContainerCmd(id).exec().getState().getHealth();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!"healthy".equals(health.getStatus()) && System.nanoTime() < deadline) {
        Thread.sleep(100);
        health = docker.inspectContainerCmd(id).exec().getState().getHealth();
      }
      if (!"healthy".equals(health.getStatus())) {
        throw new IllegalStateException("container " + id + " did not become healthy in 30 s");
      }
      long cpu = cpuMillis(docker, id);
      Instant healthy =
          health.getLog().stream()
              .filter(probe -> probe.getExitCodeLong() == 0)
              .map(probe -> OffsetDateTime.parse(probe.getEnd()).toInstant())
              .min(Instant::compareTo)
              .orElseThrow();
      return new long[] {
        Duration.between(started, healthy).toMillis(),
        Duration.between(started, readyLine(docker, id)).toMillis(),
        cpu
      };
    } finally {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    }
  }

  /** When the container logged that LocalAcme is ready, by Docker's timestamp. */
  private static Instant readyLine(DockerClient docker, String id) throws InterruptedException {
    AtomicReference<Instant> ready = new AtomicReference<>();
    docker
        .logContainerCmd(id)
        .withStdOut(true)
        .withTimestamps(true)
        .exec(
            new ResultCallback.Adapter<Frame>() {
              @Override
              public void onNext(Frame frame) {
                for (String line : new String(frame.getPayload(), UTF_8).split("\n")) {
                  if (line.contains(" is ready")) {
                    ready.compareAndSet(null, OffsetDateTime.parse(line.split(" ")[0]).toInstant());
                  }
                }
              }
            })
        .awaitCompletion(10, TimeUnit.SECONDS);
    return ready.get();
  }

  private static long cpuMillis(DockerClient docker, String id) throws InterruptedException {
    AtomicReference<Statistics> statistics = new AtomicReference<>();
    docker
        .statsCmd(id)
        .withNoStream(true)
        .exec(
            new ResultCallback.Adapter<Statistics>() {
              @Override
              public void onNext(Statistics next) {
                statistics.compareAndSet(null, next);
              }
            })
        .awaitCompletion(10, TimeUnit.SECONDS);
    return statistics.get().getCpuStats().getCpuUsage().getTotalUsage() / 1_000_000;
  }

  private static double[] latencies(URI directory, SSLContext trust, SystemUnderTest sut)
      throws Exception {
    KeyPair accountKey = Acme4jClient.ecKey();
    Session session = new Session(directory, new Acme4jClient.TrustingProvider(trust));
    Login login =
        new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).createLogin(session);
    sut.thumbprint(AcmeUtils.base64UrlEncode(JoseUtils.thumbprint(accountKey.getPublic())));
    for (int i = 0; i < WARMUP; i++) {
      issue(login);
    }
    double[] millis = new double[ISSUANCES];
    for (int i = 0; i < ISSUANCES; i++) {
      long started = System.nanoTime();
      issue(login);
      millis[i] = (System.nanoTime() - started) / 1e6;
    }
    Arrays.sort(millis);
    return new double[] {millis[ISSUANCES / 2], millis[(int) Math.ceil(ISSUANCES * 0.99) - 1]};
  }

  /** One full issuance: order, http-01, finalize, download. */
  private static void issue(Login login) throws Exception {
    Order order = login.newOrder().domain("bench-" + NAMES.incrementAndGet() + ".test").create();
    Http01Challenge challenge =
        order.getAuthorizations().get(0).findChallenge(Http01Challenge.class).orElseThrow();
    challenge.trigger();
    poll(challenge, challenge::getStatus, "challenge");
    order.execute(Acme4jClient.ecKey());
    poll(order, order::getStatus, "order");
    if (order.getCertificate().getCertificateChain().isEmpty()) {
      throw new IllegalStateException("no certificate");
    }
  }

  private interface StatusSource {
    Status get();
  }

  private static void poll(AcmeJsonResource resource, StatusSource status, String what)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (status.get() != Status.VALID) {
      if (status.get() == Status.INVALID || System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " is " + status.get() + ": " + resource.getJSON());
      }
      Thread.sleep(5);
      resource.fetch();
    }
  }

  private static void print(String where, double[] latency) {
    System.out.printf(
        "one issuance %-22s p50 %6.1f ms, p99 %6.1f ms%n", where + ":", latency[0], latency[1]);
  }
}
