package dev.localacme.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.KeyAlgorithm;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link LocalAcmeSettings} is inherited, with the extension, from a base class. */
class InheritedSettingsTest extends AnnotatedTestBase {
  @Test
  void startsTheServerWithTheBaseClassSettings(AcmeServer server) {
    assertThat(server.config().http01Port()).isEqualTo(5555);
    assertThat(server.config().keyAlgorithm()).isEqualTo(KeyAlgorithm.EC_P384);
    assertThat(server.config().certificateValidity()).isEqualTo(Duration.ofHours(12));
    assertThat(server.config().validationEnabled()).isFalse();
    assertThat(server.config().port()).as("still a random port").isZero();
    assertThat(
            ((ECPublicKey) server.rootCertificate().getPublicKey())
                .getParams()
                .getOrder()
                .bitLength())
        .isEqualTo(384);
  }
}
