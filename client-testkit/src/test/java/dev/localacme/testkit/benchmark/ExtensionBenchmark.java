package dev.localacme.testkit.benchmark;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.localacme.server.AcmeServer;
import dev.localacme.testkit.LocalAcme;
import dev.localacme.testkit.support.Sample;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Measures the JUnit extension as a build runs it, through JUnit's own launcher: how long a test
 * class waits for its server before its first test (extension start), how long closing it takes,
 * and how long the example's certification test method takes. Cold numbers come from fresh JVMs,
 * each running one plain test class first (so JUnit itself is warm) and then one class with the
 * extension; warm numbers from many classes in one JVM.
 *
 * <p>Run it with {@code ./mvnw -B -Pbenchmark -DskipTests -pl client-testkit -am verify}; {@code
 * -Dbenchmark.rounds=50} and {@code -Dbenchmark.coldRuns=9} change the counts.
 */
public final class ExtensionBenchmark {
  private static final String CERTIFICATION_TEST =
      "dev.localacme.testkit.example.CertificationIT"
          + "#certifiesItselfForTwoNamesAndServesTheCertificate(dev.localacme.testkit.LocalAcme)";
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ExtensionBenchmark() {}

  public static void main(String[] args) throws Exception {
    Launcher launcher = LauncherFactory.create();
    if (args.length > 0 && args[0].equals("--cold-once")) {
      run(launcher, selectClass(PlainTestClass.class));
      Round round = run(launcher, selectClass(EmptyTestClass.class));
      System.out.println("COLD " + round.start() + " " + round.stop() + " " + round.cpu());
      return;
    }
    int coldRuns = Integer.getInteger("benchmark.coldRuns", 5);
    int rounds = Integer.getInteger("benchmark.rounds", 30);
    List<Round> colds = new ArrayList<>();
    for (int i = 0; i < coldRuns; i++) {
      colds.add(coldOnce());
    }
    List<Round> starts = new ArrayList<>();
    List<Round> certifications = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      starts.add(run(launcher, selectClass(EmptyTestClass.class)));
    }
    for (int i = 0; i < rounds; i++) {
      certifications.add(run(launcher, selectMethod(CERTIFICATION_TEST)));
    }
    System.out.printf(
        Locale.ROOT,
        "%nLocalAcme JUnit extension, Java %s %s, %d CPUs, load average %.1f%n",
        System.getProperty("java.version"),
        ManagementFactory.getRuntimeMXBean().getInputArguments(),
        Runtime.getRuntime().availableProcessors(),
        PROCESS.getSystemLoadAverage());
    System.out.printf(Locale.ROOT, "%-44s %9s %9s %9s %9s%n", "", "median", "p90", "min", "max");
    System.out.printf(Locale.ROOT, "cold, %d fresh JVMs:%n", coldRuns);
    report("  extension start, first class", colds, Round::start);
    report("  extension stop", colds, Round::stop);
    report("  CPU time of the JVM, all threads", colds, Round::cpu);
    System.out.printf(Locale.ROOT, "warm, %d classes in one JVM:%n", rounds - 1);
    report("  extension start per class", starts.subList(1, rounds), Round::start);
    report("  extension stop per class", starts.subList(1, rounds), Round::stop);
    report("  CPU time of the JVM, all threads", starts.subList(1, rounds), Round::cpu);
    report("  certification test method", certifications.subList(1, rounds), Round::method);
    report("  CPU time of the JVM, all threads", certifications.subList(1, rounds), Round::cpu);
    report("  its class: start + method + stop", certifications.subList(1, rounds), Round::whole);
    System.out.printf(
        Locale.ROOT,
        "first certification in the JVM (acme4j cold): %.1f ms%n",
        ms(certifications.get(0).method()));
  }

  /**
   * Nanoseconds of one test class run: before its test (the extension's start), the test, after it
   * (the stop); and the CPU time of the whole JVM meanwhile (JIT and GC included).
   */
  record Round(long start, long method, long stop, long cpu) {
    long whole() {
      return start + method + stop;
    }
  }

  private static Round coldOnce() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ExtensionBenchmark.class.getName(),
            "--cold-once"));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    child.waitFor();
    String line =
        output
            .lines()
            .filter(l -> l.startsWith("COLD "))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the cold run failed:\n" + output));
    long[] values =
        Arrays.stream(line.substring(5).split(" ")).mapToLong(Long::parseLong).toArray();
    return new Round(values[0], 0, values[1], values[2]);
  }

  private static Round run(Launcher launcher, DiscoverySelector selector) {
    Timings timings = new Timings();
    long cpuBefore = PROCESS.getProcessCpuTime();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selector)
            .configurationParameter("localacme.sample", "true")
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
            .build(),
        timings);
    return timings.round(PROCESS.getProcessCpuTime() - cpuBefore);
  }

  private static void report(String what, List<Round> rounds, ToLongFunction<Round> part) {
    long[] sorted = rounds.stream().mapToLong(part).sorted().toArray();
    int p90 = (int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1);
    System.out.printf(
        Locale.ROOT,
        "%-44s %6.1f ms %6.1f ms %6.1f ms %6.1f ms%n",
        what,
        ms(sorted[sorted.length / 2]),
        ms(sorted[p90]),
        ms(sorted[0]),
        ms(sorted[sorted.length - 1]));
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }

  /** Notes when the class and its one test start and finish; a failed test stops the benchmark. */
  private static final class Timings implements TestExecutionListener {
    private final Map<String, Long> at = new ConcurrentHashMap<>();

    @Override
    public void executionStarted(TestIdentifier id) {
      at.put(kind(id) + "-start", System.nanoTime());
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      at.put(kind(id) + "-end", System.nanoTime());
      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        throw new IllegalStateException(
            id.getDisplayName() + " did not pass: " + result, result.getThrowable().orElse(null));
      }
    }

    private static String kind(TestIdentifier id) {
      if (id.isTest()) {
        return "test";
      }
      boolean isClass =
          id.getSource()
              .map(s -> s instanceof org.junit.platform.engine.support.descriptor.ClassSource)
              .orElse(false);
      return isClass ? "class" : "other";
    }

    Round round(long cpu) {
      return new Round(
          at.get("test-start") - at.get("class-start"),
          at.get("test-end") - at.get("test-start"),
          at.get("class-end") - at.get("test-end"),
          cpu);
    }
  }

  /** A class without the extension, to warm JUnit up before a cold measurement. */
  @Sample
  static class PlainTestClass {
    @Test
    void test() {}
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
