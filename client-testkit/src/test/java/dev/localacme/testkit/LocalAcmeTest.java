package dev.localacme.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.KeyAlgorithm;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Zero configuration: one running server per class, injected wherever JUnit takes parameters. */
@ExtendWith(LocalAcme.class)
class LocalAcmeTest {
  private static AcmeServer fromBeforeAll;
  private final AcmeServer fromConstructor;
  private AcmeServer fromBeforeEach;

  LocalAcmeTest(AcmeServer server) {
    this.fromConstructor = server;
  }

  @BeforeAll
  static void rememberServer(AcmeServer server) {
    fromBeforeAll = server;
  }

  @BeforeEach
  void rememberServerPerTest(AcmeServer server) {
    fromBeforeEach = server;
  }

  @Test
  void injectsTheSameRunningServerIntoConstructorLifecycleMethodsAndTests(
      AcmeServer server, LocalAcme acme) {
    assertThat(server)
        .isSameAs(fromBeforeAll)
        .isSameAs(fromConstructor)
        .isSameAs(fromBeforeEach)
        .isSameAs(acme.server());
    assertThat(acme.servedChain("localhost", server.port()))
        .as("its API is up, with a certificate from its own root")
        .isNotEmpty();
  }

  @Test
  void startsWithTestFriendlyDefaults(AcmeServer server) {
    assertThat(server.config().bindHost()).isEqualTo("127.0.0.1");
    assertThat(server.config().port()).isZero();
    assertThat(server.port()).isPositive();
    assertThat(server.config().validationEnabled()).isTrue();
    assertThat(server.config().keyAlgorithm()).isEqualTo(KeyAlgorithm.EC_P256);
    assertThat(server.config().certificateValidity()).isEqualTo(Duration.ofDays(90));
    assertThat(server.directoryUri().toString())
        .isEqualTo("https://localhost:" + server.port() + "/dir");
  }

  @Test
  void handleOffersTheServersUrisAndTrust(LocalAcme acme) throws Exception {
    assertThat(acme.directoryUri()).isEqualTo(acme.server().directoryUri());
    assertThat(acme.acme4jUri().toString())
        .isEqualTo("acme://localacme/localhost:" + acme.server().port());
    assertThat(acme.rootCertificate()).isEqualTo(acme.server().rootCertificate());
    assertThat(acme.trustStore().getCertificate("localacme-root-0"))
        .isEqualTo(acme.rootCertificate());
  }

  @Nested
  class WithoutSettingsOfItsOwn {
    @Test
    void sharesTheEnclosingClassServer(AcmeServer server, LocalAcme acme) {
      assertThat(server).isSameAs(fromBeforeAll).isSameAs(acme.server());
    }
  }

  @Nested
  @LocalAcmeSettings(certificateValidity = "P7D")
  class WithSettingsOfItsOwn {
    private static AcmeServer ownServer;

    @BeforeAll
    static void rememberOwnServer(AcmeServer server) {
      ownServer = server;
    }

    @Test
    void getsAServerOfItsOwnWithThoseSettings(AcmeServer server) {
      assertThat(server).isNotSameAs(fromBeforeAll);
      assertThat(server.port()).isNotEqualTo(fromBeforeAll.port());
      assertThat(server.config().certificateValidity()).isEqualTo(Duration.ofDays(7));
      assertThat(fromBeforeAll.config().certificateValidity()).isEqualTo(Duration.ofDays(90));
    }

    @Nested
    class NestedDeeper {
      @Test
      void sharesTheServerOfTheNearestClassWithSettings(AcmeServer server) {
        assertThat(server).isSameAs(ownServer).isNotSameAs(fromBeforeAll);
      }
    }
  }
}
