package dev.localacme.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.KeyAlgorithm;
import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.IdentityKeyManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TlsWarmupTest {
  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"EC_P256", "RSA_2048"})
  void completesAHandshakeAgainstTheApisOwnContext(KeyAlgorithm algorithm) throws Exception {
    CertificateAuthority ca =
        CertificateAuthority.generate(
            CertificateAuthority.Settings.of(algorithm), Clock.systemUTC());
    SSLContext server =
        IdentityKeyManager.serverContext(
            ca.serverIdentity(List.of("localhost", "127.0.0.1"), Duration.ofDays(1)));

    assertThat(TlsWarmup.handshake(server)).isTrue();
  }

  @Test
  void aContextWithoutAKeyDoesNotFinish() throws Exception {
    SSLContext keyless = SSLContext.getInstance("TLS");
    keyless.init(null, null, null);

    // The server has no certificate to offer: JSSE fails the handshake, which is not a success.
    boolean finished;
    try {
      finished = TlsWarmup.handshake(keyless);
    } catch (SSLException e) {
      finished = false;
    }
    assertThat(finished).isFalse();
  }
}
