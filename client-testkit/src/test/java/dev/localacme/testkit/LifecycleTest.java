package dev.localacme.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.localacme.server.AcmeServer;
import dev.localacme.testkit.acme4j.LocalAcmeProvider;
import dev.localacme.testkit.internal.RunningServers;
import dev.localacme.testkit.support.Sample;
import dev.localacme.testkit.support.Samples;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shredzone.acme4j.AccountBuilder;

/** Where servers live and when they go, seen from outside the test classes that use them. */
class LifecycleTest {
  static final List<AcmeServer> servers = new CopyOnWriteArrayList<>();
  static final List<Integer> ordersSeen = new CopyOnWriteArrayList<>();
  static final List<Path> pemFiles = new CopyOnWriteArrayList<>();

  @BeforeEach
  void forgetEarlierSamples() {
    servers.clear();
    ordersSeen.clear();
    pemFiles.clear();
  }

  @Test
  void keepsOneServerPerClassAndClosesItWithEverythingItMadeAfterTheClass() {
    Samples.run(TwoTests.class).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));

    assertThat(servers).hasSize(2);
    AcmeServer server = servers.get(0);
    assertThat(servers.get(1)).isSameAs(server);
    assertThat(ordersSeen).as("the second test sees the first one's order").containsExactly(1, 1);
    assertThatThrownBy(server::port).hasMessageContaining("not running");
    assertThat(RunningServers.all()).doesNotContain(server);
    assertThat(pemFiles.get(0)).doesNotExist();
    assertThat(pemFiles.get(0).getParent()).doesNotExist();
  }

  @Test
  void resetsTheServerBeforeEachTestWhenAsked() {
    Samples.run(TwoTestsWithReset.class).testEvents().assertStatistics(s -> s.succeeded(2));

    assertThat(servers.get(1)).as("still one server").isSameAs(servers.get(0));
    assertThat(ordersSeen).as("the second test starts empty").containsExactly(1, 0);
  }

  @Test
  void reportsAMalformedDurationClearly() {
    Samples.run(MalformedValidity.class)
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(MalformedValidity.class),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(
                        m ->
                            m.contains("certificateValidity = \"90 days\"")
                                && m.contains("not an ISO-8601 duration such as \"P90D\"")))));
  }

  @Test
  void refusesToBeConfiguredTwice() {
    Samples.run(ConfiguredTwice.class)
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(ConfiguredTwice.class),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(m -> m.contains("configured twice")))));
  }

  static void recordAndOrder(AcmeServer server, boolean placeOrder) throws Exception {
    servers.add(server);
    if (placeOrder) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair key = generator.generateKeyPair();
      new AccountBuilder()
          .agreeToTermsOfService()
          .useKeyPair(key)
          .create(LocalAcmeProvider.session(server))
          .newOrder()
          .domain("lifecycle.test")
          .create();
    }
    ordersSeen.add(server.orders().size());
  }

  @Sample
  @ExtendWith(LocalAcme.class)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class TwoTests {
    @Test
    @Order(1)
    void first(AcmeServer server, LocalAcme acme) throws Exception {
      pemFiles.add(acme.rootCertificatePem());
      recordAndOrder(server, true);
    }

    @Test
    @Order(2)
    void second(AcmeServer server) throws Exception {
      recordAndOrder(server, false);
    }
  }

  @Sample
  @ExtendWith(LocalAcme.class)
  @LocalAcmeSettings(resetPerMethod = true)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class TwoTestsWithReset {
    @Test
    @Order(1)
    void first(AcmeServer server) throws Exception {
      recordAndOrder(server, true);
    }

    @Test
    @Order(2)
    void second(AcmeServer server) throws Exception {
      recordAndOrder(server, false);
    }
  }

  @Sample
  @ExtendWith(LocalAcme.class)
  @LocalAcmeSettings(certificateValidity = "90 days")
  static class MalformedValidity {
    @Test
    void test(AcmeServer server) {}
  }

  @Sample
  @LocalAcmeSettings
  static class ConfiguredTwice {
    @RegisterExtension static LocalAcme acme = LocalAcme.builder().build();

    @Test
    void test(AcmeServer server) {}
  }
}
