package dev.localacme.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.AcmeServer;
import dev.localacme.testkit.support.Sample;
import dev.localacme.testkit.support.Samples;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two test classes run at the same time (each waits for the other inside its test, so running them
 * one after another fails) and each has a server and a port of its own.
 */
class ParallelExecutionTest {
  record Seen(AcmeServer server, int port, X509Certificate root, String thread) {}

  static final Map<String, Seen> seen = new ConcurrentHashMap<>();
  static final CyclicBarrier bothRunning = new CyclicBarrier(2);

  @Test
  void runsClassesConcurrentlyEachWithItsOwnServerAndPort() {
    Samples.run(
            Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "same_thread",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"),
            First.class,
            Second.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(2).failed(0));

    Seen first = seen.get("first");
    Seen second = seen.get("second");
    assertThat(first.thread()).isNotEqualTo(second.thread());
    assertThat(first.server()).isNotSameAs(second.server());
    assertThat(first.port()).isNotEqualTo(second.port());
    assertThat(first.root()).isNotEqualTo(second.root());
  }

  static void meetTheOther(String name, AcmeServer server) throws Exception {
    seen.put(
        name,
        new Seen(
            server, server.port(), server.rootCertificate(), Thread.currentThread().getName()));
    bothRunning.await(30, TimeUnit.SECONDS);
  }

  @Sample
  @ExtendWith(LocalAcme.class)
  static class First {
    @Test
    void test(AcmeServer server) throws Exception {
      meetTheOther("first", server);
    }
  }

  @Sample
  @ExtendWith(LocalAcme.class)
  static class Second {
    @Test
    void test(AcmeServer server) throws Exception {
      meetTheOther("second", server);
    }
  }
}
