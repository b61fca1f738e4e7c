package dev.localacme.testkit.example;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * The system under test of the example: a small HTTPS web service on plain Undertow that certifies
 * itself. Given an ACME directory URI and its names, it obtains a certificate with acme4j when
 * asked, answering the http-01 challenge on its own HTTP port, then serves HTTPS with it; a renewal
 * replaces it while it runs. Its HTTP port redirects everything else to HTTPS. It knows nothing of
 * LocalAcme: the directory URI is all a test gives it.
 */
public final class CertifyingWebServer implements AutoCloseable {
  private static final String CHALLENGE_PATH = "/.well-known/acme-challenge/";

  private final URI directory;
  private final List<String> names;
  private final boolean answerChallenges;
  private final Duration renewBefore;
  private final Duration timeout;
  private final Clock clock;
  private final Map<String, String> challengeResponses = new ConcurrentHashMap<>();
  private final CurrentCertificate certificate = new CurrentCertificate();
  private Undertow undertow;
  private int httpPort;
  private int httpsPort;
  private Login login;

  private CertifyingWebServer(Builder builder) {
    this.directory = builder.directory;
    this.names = List.copyOf(builder.names);
    this.answerChallenges = builder.answerChallenges;
    this.renewBefore = builder.renewBefore;
    this.timeout = builder.timeout;
    this.clock = builder.clock;
  }

  public static Builder builder(URI directory, String... names) {
    return new Builder(directory, List.of(names));
  }

  /** Listens on loopback: HTTP for challenges and redirects, HTTPS once it has a certificate. */
  public CertifyingWebServer start() {
    String loopback = InetAddress.getLoopbackAddress().getHostAddress();
    undertow =
        Undertow.builder()
            .setIoThreads(1)
            .setWorkerThreads(4)
            .addHttpListener(0, loopback, this::answerHttp)
            .addHttpsListener(0, loopback, tls(), this::answerHttps)
            .build();
    undertow.start();
    List<Undertow.ListenerInfo> listeners = undertow.getListenerInfo();
    httpPort = ((InetSocketAddress) listeners.get(0).getAddress()).getPort();
    httpsPort = ((InetSocketAddress) listeners.get(1).getAddress()).getPort();
    return this;
  }

  public int httpPort() {
    return httpPort;
  }

  public int httpsPort() {
    return httpsPort;
  }

  /** The certificate it serves now, if it has one. */
  public Optional<X509Certificate> certificate() {
    return certificate.leaf();
  }

  /**
   * Obtains a certificate for its names (RFC 8555 section 7.4) and serves it from now on.
   *
   * @throws CertificationException saying which step failed and what the CA answered
   */
  public synchronized X509Certificate certify() {
    try {
      Order order = login().getAccount().newOrder().domains(names).create();
      for (Authorization authorization : order.getAuthorizations()) {
        if (authorization.getStatus() != Status.VALID) {
          prove(authorization);
        }
      }
      order.waitUntilReady(timeout);
      KeyPair key = ecKey();
      order.execute(key);
      if (order.waitForCompletion(timeout) != Status.VALID) {
        throw new CertificationException(
            "order " + order.getLocation() + " failed: " + problem(order.getError()));
      }
      List<X509Certificate> chain = order.getCertificate().getCertificateChain();
      certificate.install(key.getPrivate(), chain);
      return chain.get(0);
    } catch (AcmeException e) {
      throw new CertificationException(
          "certification of " + names + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CertificationException("interrupted while certifying " + names, e);
    }
  }

  /**
   * Certifies again when less than the renewal window (30 days by default, as certbot) is left of
   * the current certificate, or when there is none.
   *
   * @return whether it renewed
   */
  public synchronized boolean renewIfDue() {
    Optional<X509Certificate> current = certificate();
    Instant renewFrom =
        current.map(c -> c.getNotAfter().toInstant().minus(renewBefore)).orElse(Instant.MIN);
    if (clock.instant().isBefore(renewFrom)) {
      return false;
    }
    certify();
    return true;
  }

  @Override
  public void close() {
    if (undertow != null) {
      undertow.stop();
    }
  }

  private Login login() throws AcmeException {
    if (login == null) {
      Session session = new Session(directory);
      login = new AccountBuilder().agreeToTermsOfService().useKeyPair(ecKey()).createLogin(session);
    }
    return login;
  }

  private void prove(Authorization authorization) throws AcmeException, InterruptedException {
    String name = authorization.getIdentifier().getDomain();
    Http01Challenge challenge =
        authorization
            .findChallenge(Http01Challenge.class)
            .orElseThrow(() -> new CertificationException("the CA offers no http-01 for " + name));
    challengeResponses.put(challenge.getToken(), challenge.getAuthorization());
    try {
      challenge.trigger();
      if (challenge.waitForCompletion(timeout) != Status.VALID) {
        throw new CertificationException(
            "http-01 for " + name + " failed: " + problem(challenge.getError()));
      }
    } finally {
      challengeResponses.remove(challenge.getToken());
    }
  }

  private void answerHttp(HttpServerExchange exchange) {
    String path = exchange.getRequestPath();
    if (path.startsWith(CHALLENGE_PATH)) {
      String token = path.substring(CHALLENGE_PATH.length());
      String response = answerChallenges ? challengeResponses.get(token) : null;
      exchange.setStatusCode(response == null ? 404 : 200);
      exchange.getResponseSender().send(response == null ? "no such challenge" : response);
      return;
    }
    String query = exchange.getQueryString();
    exchange.setStatusCode(301);
    exchange
        .getResponseHeaders()
        .put(
            Headers.LOCATION,
            "https://"
                + exchange.getHostName()
                + ":"
                + httpsPort
                + path
                + (query.isEmpty() ? "" : "?" + query));
    exchange.endExchange();
  }

  private void answerHttps(HttpServerExchange exchange) {
    exchange.getResponseSender().send("Hello from " + exchange.getHostName() + ", over TLS");
  }

  private static String problem(Optional<org.shredzone.acme4j.Problem> problem) {
    return problem
        .map(p -> p.getType() + ": " + p.getDetail().orElse(""))
        .orElse("no reason given");
  }

  private SSLContext tls() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {certificate}, null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // acme4j's KeyPairUtils would need the Bouncy Castle provider registered; the JDK's will do.
  private static KeyPair ecKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A certification that did not end with a certificate; the message says why. */
  public static final class CertificationException extends RuntimeException {
    CertificationException(String message) {
      super(message);
    }

    CertificationException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** How the web server certifies itself. */
  public static final class Builder {
    private final URI directory;
    private final List<String> names;
    private boolean answerChallenges = true;
    private Duration renewBefore = Duration.ofDays(30);
    private Duration timeout = Duration.ofSeconds(10);
    private Clock clock = Clock.systemUTC();

    private Builder(URI directory, List<String> names) {
      this.directory = directory;
      this.names = names;
    }

    /** Off, it answers every challenge with 404, as a web server without the ACME route would. */
    public Builder answerChallenges(boolean answer) {
      this.answerChallenges = answer;
      return this;
    }

    public Builder renewBefore(Duration window) {
      this.renewBefore = window;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public CertifyingWebServer start() {
      return new CertifyingWebServer(this).start();
    }
  }
}
