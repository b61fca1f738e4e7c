package dev.localacme.testkit.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.toolbox.AcmeUtils;
import org.shredzone.acme4j.toolbox.JoseUtils;

/**
 * acme4j on the host, as a system under test would use it: an account trusting LocalAcme's root and
 * nothing else, and one order through http-01 to a certificate chain.
 */
final class Acme4jClient {
  private final KeyPair accountKey = ecKey();
  private final Login login;

  Acme4jClient(URI directory, SSLContext trust) throws Exception {
    Session session = new Session(directory, new TrustingProvider(trust));
    login =
        new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).createLogin(session);
  }

  /** The account key's thumbprint (RFC 7638), the second half of every key authorization. */
  String thumbprint() {
    return AcmeUtils.base64UrlEncode(JoseUtils.thumbprint(accountKey.getPublic()));
  }

  /**
   * Orders a certificate for {@code names} and answers each http-01 challenge, which a stateless
   * responder serves with no help: the returned chain, leaf first.
   */
  List<X509Certificate> obtain(List<String> names) throws Exception {
    Order order = login.getAccount().newOrder().domains(names).create();
    for (Authorization authorization : order.getAuthorizations()) {
      Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow();
      challenge.trigger();
      assertThat(challenge.waitForCompletion(Duration.ofSeconds(20)))
          .as("http-01 for %s: %s", authorization.getIdentifier(), challenge.getError())
          .isEqualTo(Status.VALID);
    }
    assertThat(order.waitUntilReady(Duration.ofSeconds(20))).isEqualTo(Status.READY);
    order.execute(ecKey());
    assertThat(order.waitForCompletion(Duration.ofSeconds(20))).isEqualTo(Status.VALID);
    return order.getCertificate().getCertificateChain();
  }

  static KeyPair ecKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** acme4j's generic provider with our trust instead of the JVM's. */
  static final class TrustingProvider extends GenericAcmeProvider {
    private final SSLContext trust;

    TrustingProvider(SSLContext trust) {
      this.trust = trust;
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
      return HttpClient.newBuilder()
          .connectTimeout(settings.getTimeout())
          .sslContext(trust)
          .build();
    }
  }
}
