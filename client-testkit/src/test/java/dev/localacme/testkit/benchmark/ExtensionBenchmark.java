package dev.localacme.testkit.benchmark;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.localacme.server.AcmeServer;
import dev.localacme.testkit.LocalAcme;
import dev.localacme.testkit.support.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Measures the JUnit extension as a build runs it, with JUnit's own launcher: how long a test class
 * waits for its server (extension start), how long closing it takes, and how long the example's
 * certification test method takes. The first round is cold (a fresh JVM); the rest are warm.
 *
 * <p>Run it with {@code ./mvnw -B -Pbenchmark -DskipTests -pl client-testkit -am verify} ({@code
 * -Dbenchmark.rounds=50} for more rounds).
 */
public final class ExtensionBenchmark {
  private ExtensionBenchmark() {}

  public static void main(String[] args) {
    int rounds = Integer.getInteger("benchmark.rounds", 30);
    Launcher launcher = LauncherFactory.create();
    List<Round> starts = new ArrayList<>();
    List<Round> certifications = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      starts.add(run(launcher, selectClass(EmptyTestClass.class)));
    }
    for (int i = 0; i < rounds; i++) {
      certifications.add(
          run(
              launcher,
              selectMethod(
                  "dev.localacme.testkit.example.CertificationIT"
                      + "#certifiesItselfForTwoNamesAndServesTheCertificate"
                      + "(dev.localacme.testkit.LocalAcme)")));
    }
    System.out.printf(
        Locale.ROOT,
        "%nLocalAcme JUnit extension: %d rounds each, Java %s, %d CPUs%n",
        rounds,
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    System.out.println(
        "                                           first (cold)   warm median   warm p90   warm min");
    report("extension start per class", starts, Round::start);
    report("extension stop per class", starts, Round::stop);
    report("certification test class: server start", certifications, Round::start);
    report("certification test method", certifications, Round::method);
    report("certification test class, whole", certifications, Round::whole);
  }

  /** Durations in nanoseconds of one test class run: before its test, the test, after it. */
  record Round(long start, long method, long stop) {
    long whole() {
      return start + method + stop;
    }
  }

  private static Round run(Launcher launcher, DiscoverySelector selector) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selector)
            .configurationParameter("localacme.sample", "true")
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
            .build();
    Timings timings = new Timings();
    launcher.execute(request, timings);
    return timings.round();
  }

  private static void report(
      String what, List<Round> rounds, java.util.function.ToLongFunction<Round> part) {
    long cold = part.applyAsLong(rounds.get(0));
    long[] warm = rounds.stream().skip(1).mapToLong(part).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "%-42s %9.1f ms %11.1f ms %8.1f ms %8.1f ms%n",
        what,
        ms(cold),
        ms(warm[warm.length / 2]),
        ms(warm[(int) Math.min(warm.length - 1, Math.ceil(warm.length * 0.9) - 1)]),
        ms(warm[0]));
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }

  /** Notes when the class and its one test start and finish, and fails loudly on a failed test. */
  private static final class Timings implements TestExecutionListener {
    private final Map<String, Long> at = new ConcurrentHashMap<>();

    @Override
    public void executionStarted(TestIdentifier id) {
      at.put((id.isTest() ? "test-start" : classOrOther(id) + "-start"), System.nanoTime());
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      at.put((id.isTest() ? "test-end" : classOrOther(id) + "-end"), System.nanoTime());
      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        throw new IllegalStateException(
            id.getDisplayName() + " did not pass: " + result, result.getThrowable().orElse(null));
      }
    }

    private static String classOrOther(TestIdentifier id) {
      return id.getSource()
              .map(s -> s.getClass().getSimpleName())
              .orElse("engine")
              .equals("ClassSource")
          ? "class"
          : "other";
    }

    Round round() {
      return new Round(
          at.get("test-start") - at.get("class-start"),
          at.get("test-end") - at.get("test-start"),
          at.get("class-end") - at.get("test-end"));
    }
  }

  /** The smallest class that uses the extension: its test only needs the server. */
  @Sample
  @ExtendWith(LocalAcme.class)
  static class EmptyTestClass {
    @Test
    void test(AcmeServer server) {
      server.port();
    }
  }
}
