package dev.localacme.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.KeyAlgorithm;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Configured in code; the static field is a handle of its own. */
class LocalAcmeBuilderTest {
  @RegisterExtension
  static LocalAcme acme =
      LocalAcme.builder()
          .keyAlgorithm(KeyAlgorithm.EC_P384)
          .certificateValidity(Duration.ofDays(3))
          .http01Port(5080)
          .configure(server -> server.ordersPerPage(3).tlsName("acme.test"))
          .build();

  private static AcmeServer fromBeforeAll;

  @BeforeAll
  static void useTheHandleBeforeAll() {
    fromBeforeAll = acme.server();
  }

  @Test
  void startsTheServerWithTheBuildersSettings(AcmeServer server) {
    assertThat(server.config().keyAlgorithm()).isEqualTo(KeyAlgorithm.EC_P384);
    assertThat(server.config().certificateValidity()).isEqualTo(Duration.ofDays(3));
    assertThat(server.config().http01Port()).isEqualTo(5080);
    assertThat(server.config().ordersPerPage()).isEqualTo(3);
    assertThat(server.config().tlsNames()).containsExactly("acme.test");
    assertThat(server.config().port()).as("still a random port").isZero();
  }

  @Test
  void staticHandleMeansTheServerOfTheRunningTest(AcmeServer server) throws Exception {
    assertThat(acme.server()).isSameAs(server).isSameAs(fromBeforeAll);
    assertThat(CompletableFuture.supplyAsync(acme::server).get())
        .as("from a thread the test started, while it is the only server")
        .isSameAs(server);
  }

  @Nested
  @LocalAcmeSettings(certificateValidity = "PT1H")
  class WithSettingsOfItsOwn {
    @Test
    void staticHandleMeansTheNestedClassServer(AcmeServer server) {
      assertThat(server).isNotSameAs(fromBeforeAll);
      assertThat(acme.server()).isSameAs(server);
      assertThat(server.config().certificateValidity()).isEqualTo(Duration.ofHours(1));
    }
  }
}
