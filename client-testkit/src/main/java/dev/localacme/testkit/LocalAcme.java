package dev.localacme.testkit;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.DnsRecords;
import dev.localacme.server.IssuedCertificate;
import dev.localacme.server.KeyAlgorithm;
import dev.localacme.server.OrderInfo;
import dev.localacme.server.ValidationAttempt;
import dev.localacme.server.ValidationTarget;
import dev.localacme.testkit.internal.ClassScope;
import dev.localacme.testkit.internal.History;
import dev.localacme.testkit.internal.ServerResource;
import dev.localacme.testkit.internal.Settings;
import dev.localacme.testkit.internal.TlsProbe;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 (5.13 and later) and JUnit 6 extension that runs an in-process LocalAcme for each test
 * class, so the system under test can certify itself against a real ACME server over real sockets.
 *
 * <p>Zero configuration; take the server, or this handle, as a parameter of a test, a lifecycle
 * method or a constructor:
 *
 * <pre>{@code
 * @ExtendWith(LocalAcme.class)
 * class CertificationTest {
 *   @Test
 *   void certifiesItself(LocalAcme acme) {
 *     try (var sut = MyWebServer.start(acme.acme4jUri())) {
 *       acme.http01Port(sut.httpPort());
 *       sut.certify();
 *       assertThat(acme.servedChain("app.test", sut.httpsPort()).get(0).getSubjectX500Principal())...
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Configured declaratively with {@link LocalAcmeSettings}, or in code:
 *
 * <pre>{@code
 * @RegisterExtension
 * static LocalAcme acme = LocalAcme.builder().certificateValidity(Duration.ofMinutes(1)).build();
 * }</pre>
 *
 * <p>JUnit's extension store owns each server and closes it after its class. A class and its
 * {@code @Nested} classes share one server unless a nested class carries its own {@link
 * LocalAcmeSettings}; with {@link LocalAcmeSettings#resetPerMethod()} each test method starts with
 * an empty one. Servers listen on random loopback ports, so test classes may run in parallel: they
 * never share a server or a port.
 *
 * <p>A handle injected as a parameter belongs to one server. A handle kept in a static field
 * (registered with {@code @RegisterExtension}) finds the server of the test that calls it; from
 * threads a test starts it works while only one of its servers runs.
 */
public final class LocalAcme
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  /** The builder's settings; null when {@link LocalAcmeSettings} (or the defaults) decide. */
  private final Settings settings;

  /** The one server of an injected handle; null for the registered extension itself. */
  private final ServerResource bound;

  private final Set<ServerResource> running = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<Deque<ServerResource>> current =
      ThreadLocal.withInitial(ArrayDeque::new);

  /**
   * The extension as {@code @ExtendWith(LocalAcme.class)} creates it: settings come from {@link
   * LocalAcmeSettings} on the test class, else the defaults.
   */
  public LocalAcme() {
    this(null, null);
  }

  private LocalAcme(Settings settings, ServerResource bound) {
    this.settings = settings;
    this.bound = bound;
  }

  /** A builder for {@code @RegisterExtension static LocalAcme acme = LocalAcme.builder()...}. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- JUnit callbacks --------------------------------------------------------------------------

  @Override
  public void beforeAll(ExtensionContext context) {
    enter(resource(context));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ClassScope.existing(context).ifPresent(this::leave);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ServerResource resource = resource(context);
    if (resource.settings().resetPerMethod()) {
      resource.server().reset();
    }
    enter(resource);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ClassScope.existing(context).ifPresent(this::leave);
  }

  /** Resolves parameters of type {@link AcmeServer} and {@link LocalAcme}. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == AcmeServer.class || type == LocalAcme.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ServerResource resource = resource(context);
    return parameter.getParameter().getType() == AcmeServer.class
        ? resource.server()
        : new LocalAcme(resource.settings(), resource);
  }

  // ---- the handle -------------------------------------------------------------------------------

  /** The running server, for everything this handle does not wrap. */
  public AcmeServer server() {
    return resource().server();
  }

  /** The directory URL (RFC 8555 section 7.1.1), {@code https://localhost:<port>/dir}. */
  public URI directoryUri() {
    return server().directoryUri();
  }

  /**
   * {@code acme://localacme/localhost:<port>}: give this to a system under test that uses acme4j
   * and it reaches this server, trusting its root, with no trust setting of its own and none in the
   * JVM ({@code new Session(uri)}). See {@link dev.localacme.testkit.acme4j.LocalAcmeProvider}.
   */
  public URI acme4jUri() {
    return resource().acme4jUri();
  }

  /**
   * Validates http-01 on {@code port} (on loopback) for every name without a route of its own: the
   * common case of one system under test on a random port.
   */
  public LocalAcme http01Port(int port) {
    server().http01Port(port);
    return this;
  }

  /**
   * Validates tls-alpn-01 on {@code port} (on loopback) for every name without a route of its own.
   */
  public LocalAcme tlsAlpn01Port(int port) {
    server().tlsAlpn01Port(port);
    return this;
  }

  /**
   * The DNS records dns-01 and CAA are looked up in: a test stands in for the DNS provider of a
   * system under test with {@code acme.dns().txt("_acme-challenge.app.test", digest)}. Emptied by
   * {@link #reset()}. See {@link AcmeServer#dns()}.
   */
  public DnsRecords dns() {
    return server().dns();
  }

  /** Validates {@code name} (or every name under {@code *.domain}) over http-01 on this port. */
  public LocalAcme route(String name, int http01Port) {
    return route(name, ValidationTarget.of("127.0.0.1", http01Port));
  }

  /** Validates {@code name} (or every name under {@code *.domain}) at {@code target}. */
  public LocalAcme route(String name, ValidationTarget target) {
    server().route(name, target);
    return this;
  }

  /** The root certificate every certificate from this server chains to. */
  public X509Certificate rootCertificate() {
    return server().rootCertificate();
  }

  /** An {@link SSLContext} that trusts LocalAcme's roots and nothing else. */
  public SSLContext sslContext() {
    return server().sslContext();
  }

  /** A {@code PKCS12} key store with LocalAcme's roots as trusted certificates. */
  public KeyStore trustStore() {
    return server().trustStore();
  }

  /**
   * A PEM file with LocalAcme's roots, for systems under test that are not Java ({@code
   * SSL_CERT_FILE}, {@code --cacert}, {@code NODE_EXTRA_CA_CERTS}, ...). It lives in a temporary
   * directory that is deleted when the server stops.
   */
  public Path rootCertificatePem() {
    return resource().rootCertificatePem();
  }

  /** Every certificate issued so far, oldest first. */
  public List<IssuedCertificate> issuedCertificates() {
    return server().issuedCertificates();
  }

  /** Every order so far, oldest first, with its status now. */
  public List<OrderInfo> orders() {
    return server().orders();
  }

  /** Every recent validation attempt, oldest first, with what the validator saw. */
  public List<ValidationAttempt> validationAttempts() {
    return server().validationAttempts();
  }

  /** The validation attempts for one identifier (case-insensitive), oldest first. */
  public List<ValidationAttempt> validationAttempts(String identifier) {
    String wanted = identifier.toLowerCase(Locale.ROOT);
    return validationAttempts().stream()
        .filter(a -> a.identifier().toLowerCase(Locale.ROOT).equals(wanted))
        .toList();
  }

  /**
   * Waits until a certificate for {@code name} is issued and returns the newest one.
   *
   * @throws AssertionError if none is issued within {@code timeout}, saying what the orders and
   *     validation attempts for that name show
   */
  public IssuedCertificate awaitCertificate(String name, Duration timeout) {
    try {
      return server().awaitCertificate(name, timeout);
    } catch (TimeoutException e) {
      throw new AssertionError(e.getMessage() + History.of(server(), name), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a certificate for " + name);
    }
  }

  /** Resets the server as {@link AcmeServer#reset()} does. */
  public LocalAcme reset() {
    server().reset();
    return this;
  }

  /**
   * Connects to {@code 127.0.0.1:port} asking for {@code name} (SNI), verifies the served chain and
   * host name as a client that trusts only LocalAcme's roots, and returns the chain, leaf first.
   *
   * @throws AssertionError if the handshake fails, saying where, what was served (names, issuer,
   *     validity) and why it was refused
   */
  public List<X509Certificate> servedChain(String name, int port) {
    return servedChain(name, "127.0.0.1", port);
  }

  /** As {@link #servedChain(String, int)}, connecting to {@code host} instead of loopback. */
  public List<X509Certificate> servedChain(String name, String host, int port) {
    return TlsProbe.servedChain(trustStore(), name, host, port, PROBE_TIMEOUT);
  }

  @Override
  public String toString() {
    return bound != null ? bound.toString() : "LocalAcme extension, " + running.size() + " running";
  }

  // ---- which server a handle means --------------------------------------------------------------

  /** The server of this context's class, started on first use. */
  private ServerResource resource(ExtensionContext context) {
    return ClassScope.server(context, settings, running::add, running::remove);
  }

  private void enter(ServerResource resource) {
    current.get().addLast(resource);
  }

  private void leave(ServerResource resource) {
    Deque<ServerResource> stack = current.get();
    stack.removeLastOccurrence(resource);
    if (stack.isEmpty()) {
      current.remove();
    }
  }

  /**
   * The server this handle means: its own if injected; else the one of the test running on this
   * thread; else the only one running.
   */
  private ServerResource resource() {
    if (bound != null) {
      return bound;
    }
    Deque<ServerResource> stack = current.get();
    ServerResource mine = stack.peekLast();
    if (stack.isEmpty()) {
      current.remove(); // a thread the test started: leave nothing behind in it
    }
    if (mine != null && !mine.isClosed()) {
      return mine;
    }
    List<ServerResource> all = new ArrayList<>(running);
    if (all.size() == 1) {
      return all.get(0);
    }
    if (all.isEmpty()) {
      throw new IllegalStateException(
          "LocalAcme is not running here: its server runs from before the first test of the class"
              + " that registers it until after the last one. Call it from a test, a lifecycle"
              + " method or a constructor, or take AcmeServer or LocalAcme as a parameter.");
    }
    throw new IllegalStateException(
        "this LocalAcme runs "
            + all.size()
            + " servers at once "
            + all
            + ", so a call from this thread is ambiguous; take AcmeServer or LocalAcme as a"
            + " parameter of the test to get its own");
  }

  /**
   * Configures a {@link LocalAcme} in code. Every setting defaults as in {@link LocalAcmeSettings};
   * {@link #configure(Consumer)} reaches every other server setting.
   */
  public static final class Builder {
    private int http01Port;
    private KeyAlgorithm keyAlgorithm = Settings.DEFAULTS.keyAlgorithm();
    private Duration certificateValidity = Settings.DEFAULTS.certificateValidity();
    private boolean validation = true;
    private boolean resetPerMethod;
    private boolean jvmTrust;
    private final List<Consumer<AcmeServer.Builder>> customizers = new ArrayList<>();

    private Builder() {}

    /** See {@link LocalAcmeSettings#http01Port()}. */
    public Builder http01Port(int port) {
      this.http01Port = port;
      return this;
    }

    /** See {@link LocalAcmeSettings#keyAlgorithm()}. */
    public Builder keyAlgorithm(KeyAlgorithm keyAlgorithm) {
      this.keyAlgorithm = keyAlgorithm;
      return this;
    }

    /** See {@link LocalAcmeSettings#certificateValidity()}. */
    public Builder certificateValidity(Duration validity) {
      this.certificateValidity = validity;
      return this;
    }

    /** See {@link LocalAcmeSettings#validation()}. */
    public Builder validation(boolean enabled) {
      this.validation = enabled;
      return this;
    }

    /** See {@link LocalAcmeSettings#resetPerMethod()}. */
    public Builder resetPerMethod(boolean reset) {
      this.resetPerMethod = reset;
      return this;
    }

    /** See {@link LocalAcmeSettings#jvmTrust()}. */
    public Builder jvmTrust(boolean install) {
      this.jvmTrust = install;
      return this;
    }

    /**
     * Applies any other server setting, after the ones above: {@code configure(server ->
     * server.clock(clock).asyncIssuance(true))}. The port stays random unless set here.
     */
    public Builder configure(Consumer<AcmeServer.Builder> customizer) {
      customizers.add(customizer);
      return this;
    }

    public LocalAcme build() {
      return new LocalAcme(
          new Settings(
              http01Port,
              keyAlgorithm,
              certificateValidity,
              validation,
              resetPerMethod,
              jvmTrust,
              customizers),
          null);
    }
  }
}
