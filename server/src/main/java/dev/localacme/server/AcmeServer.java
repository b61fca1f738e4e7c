package dev.localacme.server;

import dev.localacme.server.internal.Engine;
import dev.localacme.server.internal.domain.Renewals;
import dev.localacme.server.internal.events.EventLog;
import dev.localacme.server.internal.events.Events;
import dev.localacme.server.internal.validation.DnsSetup;
import dev.localacme.server.internal.validation.Targets;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A running ACME certificate authority (RFC 8555): an HTTPS ACME API whose own certificate chains
 * to the same root as every certificate it issues, with real challenge validation against the
 * system under test.
 *
 * <pre>{@code
 * try (AcmeServer acme = AcmeServer.builder().http01Port(8080).build().start()) {
 *   URI directory = acme.directoryUri();          // https://localhost:<port>/dir
 *   SSLContext trust = acme.sslContext();         // trusts the root, for the ACME client
 *   ...
 * }
 * }</pre>
 *
 * <p>Instances are thread-safe. Tests should use port 0 (the default) so parallel servers never
 * collide.
 */
public final class AcmeServer implements AutoCloseable {
  private final AcmeServerConfig config;
  private final Events events;
  private final Targets targets;
  private final DnsSetup dns;
  private volatile Engine engine;

  private AcmeServer(AcmeServerConfig config) {
    this.config = config;
    List<Consumer<AcmeEvent>> listeners = new ArrayList<>(config.listeners());
    listeners.add(new EventLog());
    this.events = new Events(listeners);
    this.targets =
        new Targets(
            config.validationHost(), config.http01Port(), config.tlsAlpn01Port(), config.routes());
    this.dns =
        new DnsSetup(
            config.dnsServer(),
            config.challengeTestServer(),
            config.caaIdentities(),
            config.validationReadTimeout());
    dns.resolveNames(targets);
  }

  /** A builder with test-friendly defaults: loopback, a random port, real validation. */
  public static Builder builder() {
    return new Builder();
  }

  /** Creates (or opens) the CA and starts listening. Returns this server, for chaining. */
  public synchronized AcmeServer start() {
    if (engine != null) {
      throw new IllegalStateException("already started");
    }
    engine = Engine.start(config, events, targets, dns);
    return this;
  }

  /** Stops listening and releases every thread and file. Idempotent. */
  @Override
  public synchronized void close() {
    if (engine != null) {
      engine.close();
      engine = null;
    } else {
      dns.close();
    }
  }

  /** The directory URL (RFC 8555 section 7.1.1), for example {@code https://localhost:4321/dir}. */
  public URI directoryUri() {
    return URI.create(
        "https://" + Engine.uriHost(config.bindHost()) + ":" + running().port() + "/dir");
  }

  /** The port of the ACME API. */
  public int port() {
    return running().port();
  }

  /** The port of the management API, or -1 when it is off. */
  public int managementPort() {
    return running().managementPort();
  }

  /** The port of the plain-HTTP listener that serves CRLs, or -1 when CRLs are off. */
  public int crlPort() {
    return running().crlPort();
  }

  /**
   * The CRL (RFC 5280) that certificates issued from now on name in their CRL distribution point,
   * for example {@code http://localhost:4322/crl/1a2b3c4d5e6f7081.crl}; empty when CRLs are off.
   */
  public Optional<URI> crlUri() {
    return running().crls().distributionPoints().stream().findFirst().map(URI::create);
  }

  /** The root certificate every issued certificate and the ACME API's own certificate chain to. */
  public X509Certificate rootCertificate() {
    return running().ca().root();
  }

  /**
   * An {@link SSLContext} that trusts LocalAcme's roots (and nothing else): give it to the ACME
   * client, and to any client of a system that serves a certificate from this server.
   */
  public SSLContext sslContext() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A {@code PKCS12} key store holding LocalAcme's roots as trusted certificates. */
  public KeyStore trustStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      List<X509Certificate> roots = running().ca().roots();
      for (int i = 0; i < roots.size(); i++) {
        store.setCertificateEntry("localacme-root-" + i, roots.get(i));
      }
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Validates http-01 on {@code port} for every name without a route of its own, from now on. */
  public AcmeServer http01Port(int port) {
    ValidationTarget.checkPort(port, "http01Port");
    targets.http01Port(port);
    return this;
  }

  /**
   * Validates tls-alpn-01 on {@code port} for every name without a route of its own, from now on.
   */
  public AcmeServer tlsAlpn01Port(int port) {
    ValidationTarget.checkPort(port, "tlsAlpn01Port");
    targets.tlsAlpn01Port(port);
    return this;
  }

  /**
   * Validates {@code name} (or, for {@code *.example.test}, every name under it) at {@code target},
   * from now on.
   */
  public AcmeServer route(String name, ValidationTarget target) {
    targets.route(name, target);
    return this;
  }

  /**
   * The DNS records LocalAcme looks dns-01 TXT records and CAA up in, and that the challenge test
   * server's DNS serves: a test stands in for a DNS provider with {@code
   * dns().txt("_acme-challenge.app.test", digest)}. Usable before {@link #start()}. With {@link
   * Builder#dnsServer(String)}, validation asks that server instead.
   */
  public DnsRecords dns() {
    return dns.records();
  }

  /** The challenge test server, when {@link Builder#challengeTestServer} turned it on. */
  public Optional<ChallengeTestServer> challengeTestServer() {
    running();
    return dns.challengeTestServer().map(ChallengeTestServer.class::cast);
  }

  /**
   * Provisions an external account binding key (RFC 8555 section 7.3.4) from now on: its key id and
   * its HMAC key in base64url, padded or not.
   */
  public AcmeServer externalAccountKey(String kid, String base64urlKey) {
    running().externalAccountKeys().add(kid, base64urlKey);
    return this;
  }

  /**
   * Sets the window renewalInfo suggests for the certificate with this serial (hex), from now on
   * (RFC 9773 section 4.2): a window in the future delays renewal, one in the past asks for it.
   *
   * @throws IllegalArgumentException if no such certificate was issued, or {@code end} is not after
   *     {@code start}
   */
  public AcmeServer renewalWindow(String serial, Instant start, Instant end) {
    running().renewals().setWindow(serial, new Renewals.Window(start, end));
    return this;
  }

  /**
   * Tells clients that ask renewalInfo to renew the certificate with this serial (hex) at once: its
   * suggested window now lies in the past (RFC 9773 section 4.2), by the server's clock.
   *
   * @throws IllegalArgumentException if no such certificate was issued
   */
  public AcmeServer renewNow(String serial) {
    Renewals renewals = running().renewals();
    renewals.setWindow(serial, renewals.immediately());
    return this;
  }

  /**
   * Forgets every account, order, authorization and certificate, the validation attempts, the
   * routes, ports, DNS records, renewal windows and external account keys set at runtime, keeping
   * the CA's keys: for tests that start each method afresh without paying for a new server.
   */
  public AcmeServer reset() {
    running().reset();
    return this;
  }

  /** Every certificate issued so far, oldest first. */
  public List<IssuedCertificate> issuedCertificates() {
    return running().inspection().certificates();
  }

  /** The certificate with this serial (hex), if LocalAcme issued it. */
  public Optional<IssuedCertificate> issuedCertificate(String serial) {
    return running().inspection().certificate(serial);
  }

  /** Every account so far, oldest first. */
  public List<AccountInfo> accounts() {
    return running().inspection().accounts();
  }

  /** Every order so far, oldest first, with its status now. */
  public List<OrderInfo> orders() {
    return running().inspection().orders();
  }

  /**
   * The most recent validation attempts (up to 10,000), oldest first, each with what the validator
   * saw: the place to look when a system under test did not get its certificate.
   */
  public List<ValidationAttempt> validationAttempts() {
    return running().inspection().validationAttempts();
  }

  /**
   * Waits until a certificate for {@code name} has been issued, and returns the newest one.
   *
   * @throws TimeoutException if none was issued within {@code timeout}; the message says so
   */
  public IssuedCertificate awaitCertificate(String name, Duration timeout)
      throws InterruptedException, TimeoutException {
    return running().inspection().awaitCertificate(name, timeout);
  }

  /** Adds an event listener. */
  public AcmeServer addListener(Consumer<AcmeEvent> listener) {
    events.add(listener);
    return this;
  }

  /** Removes an event listener. */
  public AcmeServer removeListener(Consumer<AcmeEvent> listener) {
    events.remove(listener);
    return this;
  }

  /** The configuration this server was built with. */
  public AcmeServerConfig config() {
    return config;
  }

  /** LocalAcme's version, from the jar manifest. */
  public static String version() {
    String version = AcmeServer.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  private Engine running() {
    Engine running = engine;
    if (running == null) {
      throw new IllegalStateException("the server is not running; call start() first");
    }
    return running;
  }

  /**
   * Builds an {@link AcmeServer}. Every setting has a default suited to tests; {@link #build()}
   * returns a server that is not started yet.
   */
  public static final class Builder {
    private String bindHost = "127.0.0.1";
    private int port = 0;
    private int managementPort = -1;
    private int http01Port = 5002;
    private int tlsAlpn01Port = 5001;
    private String validationHost = "127.0.0.1";
    private final Map<String, ValidationTarget> routes = new LinkedHashMap<>();
    private String dnsServer = "";
    private List<String> caaIdentities = List.of("localacme", "pebble.letsencrypt.org");
    private ChallengeTestServerConfig challengeTestServer;
    private KeyAlgorithm keyAlgorithm = KeyAlgorithm.EC_P256;
    private Duration certificateValidity = Duration.ofDays(90);
    private boolean validationEnabled = true;
    private Duration validationConnectTimeout = Duration.ofSeconds(5);
    private Duration validationReadTimeout = Duration.ofSeconds(10);
    private Duration validationGrace = Duration.ofSeconds(2);
    private Duration orderLifetime = Duration.ofHours(24);
    private Duration authorizationLifetime = Duration.ofDays(30);
    private int ordersPerPage = 10;
    private int nonceRejectPercent = 0;
    private String termsOfService =
        "data:text/plain,LocalAcme%20issues%20certificates%20for%20testing%20only.";
    private final List<String> tlsNames = new ArrayList<>();
    private boolean asyncIssuance = false;
    private Path dataDirectory;
    private List<String> rootNameConstraints = List.of();
    private List<String> blockedDomains = List.of();
    private final List<Consumer<AcmeEvent>> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private final Map<String, Profile> profiles = new LinkedHashMap<>();
    private String defaultProfile = "default";
    private boolean externalAccountRequired = false;
    private final Map<String, String> externalAccountKeys = new LinkedHashMap<>();
    private int alternateRoots = 0;
    private int chainLength = 1;
    private int authorizationReusePercent = 0;
    private int crlPort = 0;
    private String crlBaseUrl = null;
    private Boolean exposeCaKeys;

    private Builder() {}

    /** The address to listen on; loopback by default. */
    public Builder bindHost(String bindHost) {
      this.bindHost = bindHost;
      return this;
    }

    /** The ACME API's port; 0 (the default) picks a free one, which tests should use. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The management API's port (Pebble uses 15000); -1, the default, turns it off. */
    public Builder managementPort(int managementPort) {
      this.managementPort = managementPort;
      return this;
    }

    /** The port http-01 validation connects to (Pebble's 5002 by default; RFC 8555 says 80). */
    public Builder http01Port(int http01Port) {
      this.http01Port = http01Port;
      return this;
    }

    /** The port tls-alpn-01 validation connects to (Pebble's 5001 by default). */
    public Builder tlsAlpn01Port(int tlsAlpn01Port) {
      this.tlsAlpn01Port = tlsAlpn01Port;
      return this;
    }

    /** Where every name without a route is validated; 127.0.0.1 by default. */
    public Builder validationHost(String validationHost) {
      this.validationHost = validationHost;
      return this;
    }

    /** Validates {@code name} (or every name under {@code *.domain}) at {@code target}. */
    public Builder route(String name, ValidationTarget target) {
      routes.put(name, target);
      return this;
    }

    /**
     * A DNS server ({@code host:port}, UDP and TCP) to ask for dns-01 TXT records, CAA and the
     * addresses of names, as Pebble's {@code -dnsserver}; by default LocalAcme answers from its own
     * {@link AcmeServer#dns() records}.
     */
    public Builder dnsServer(String hostAndPort) {
      this.dnsServer = hostAndPort == null ? "" : hostAndPort;
      return this;
    }

    /**
     * The issuer domain names a CAA {@code issue} property may name to authorize LocalAcme (RFC
     * 8659), advertised as the directory's {@code caaIdentities}: by default {@code localacme} and
     * Pebble's {@code pebble.letsencrypt.org}.
     */
    public Builder caaIdentities(String... identities) {
      this.caaIdentities = List.of(identities);
      return this;
    }

    /**
     * Runs a challenge test server (a pebble-challtestsrv replacement) with this server; its DNS
     * then answers LocalAcme's lookups. Tests should use {@link
     * ChallengeTestServerConfig#ephemeralPorts()}.
     */
    public Builder challengeTestServer(ChallengeTestServerConfig config) {
      this.challengeTestServer = config;
      return this;
    }

    /** The key type of the root and intermediate; ECDSA P-256 by default. */
    public Builder keyAlgorithm(KeyAlgorithm keyAlgorithm) {
      this.keyAlgorithm = keyAlgorithm;
      return this;
    }

    /** How long certificates of the built-in {@code default} profile are valid; 90 days. */
    public Builder certificateValidity(Duration certificateValidity) {
      this.certificateValidity = certificateValidity;
      return this;
    }

    /**
     * Whether challenges are really validated (the default). Turned off, every challenge passes
     * without any network I/O, as Pebble's {@code PEBBLE_VA_ALWAYS_VALID}.
     */
    public Builder validation(boolean enabled) {
      this.validationEnabled = enabled;
      return this;
    }

    /** How long validation waits to connect to the system under test; 5 s by default. */
    public Builder validationConnectTimeout(Duration timeout) {
      this.validationConnectTimeout = timeout;
      return this;
    }

    /** How long validation waits for an answer once connected; 10 s by default. */
    public Builder validationReadTimeout(Duration timeout) {
      this.validationReadTimeout = timeout;
      return this;
    }

    /**
     * How long a challenge response waits for its validation to finish before answering {@code
     * processing}; 2 s by default. Clients then see the final status without polling.
     */
    public Builder validationGrace(Duration grace) {
      this.validationGrace = grace;
      return this;
    }

    /** How long orders and pending authorizations live; 24 hours by default. */
    public Builder orderLifetime(Duration orderLifetime) {
      this.orderLifetime = orderLifetime;
      return this;
    }

    /** How long a valid authorization lives; 30 days by default. */
    public Builder authorizationLifetime(Duration authorizationLifetime) {
      this.authorizationLifetime = authorizationLifetime;
      return this;
    }

    /** Orders per page of an account's orders list; 10 by default. */
    public Builder ordersPerPage(int ordersPerPage) {
      this.ordersPerPage = ordersPerPage;
      return this;
    }

    /**
     * The share of valid nonces to reject with {@code badNonce}, to test a client's retries (as
     * Pebble's {@code PEBBLE_WFE_NONCEREJECT}); 0, the default, rejects none.
     */
    public Builder nonceRejectPercent(int percent) {
      this.nonceRejectPercent = percent;
      return this;
    }

    /**
     * The terms of service URL clients must agree to; null advertises none and requires no
     * agreement.
     */
    public Builder termsOfService(String url) {
      this.termsOfService = url;
      return this;
    }

    /** Extra names (DNS names or IP literals) for the ACME API's own TLS certificate. */
    public Builder tlsName(String name) {
      this.tlsNames.add(name);
      return this;
    }

    /**
     * Issue after finalize answers, with the order {@code processing} meanwhile (as Pebble always
     * does), instead of within the finalize request (the default).
     */
    public Builder asyncIssuance(boolean async) {
      this.asyncIssuance = async;
      return this;
    }

    /**
     * Keeps the CA and all state in {@code directory}, so they outlive the server: the root and
     * intermediate are created on the first start and reused on later ones; accounts, orders,
     * authorizations and certificates survive restarts and crashes. Null, the default, keeps
     * everything in memory under a throwaway root.
     */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = directory;
      return this;
    }

    /**
     * Name-constrains a new root (RFC 5280 section 4.2.1.10) to these domains (each with every name
     * below it, as {@code test} or {@code *.test}) and IP ranges ({@code 127.0.0.0/8}, {@code
     * ::1}); orders for other names are refused with {@code rejectedIdentifier}. Empty, the
     * default, leaves the root unconstrained. {@link AcmeServerConfig#DEVELOPMENT_NAMES} is the set
     * a root that people trust should have. A root loaded from a {@link #dataDirectory} keeps the
     * constraints it was created with.
     */
    public Builder rootNameConstraints(List<String> permitted) {
      this.rootNameConstraints = List.copyOf(permitted);
      return this;
    }

    /**
     * Refuses orders for these domains and every name below them with {@code rejectedIdentifier},
     * as Pebble's {@code domainBlocklist}; none by default.
     */
    public Builder blockedDomains(List<String> domains) {
      this.blockedDomains = List.copyOf(domains);
      return this;
    }

    /** Receives every protocol step; see {@link AcmeEvent}. */
    public Builder listener(Consumer<AcmeEvent> listener) {
      this.listeners.add(listener);
      return this;
    }

    /** The clock for every time rule: expiry, validity, timestamps. The system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Offers a certificate profile under {@code name} (draft-ietf-acme-profiles), or replaces one.
     * The built-in profiles are {@code default} (90 days) and {@code shortlived} (6 days).
     */
    public Builder profile(String name, Profile profile) {
      profiles.put(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(profile, "profile"));
      return this;
    }

    /** The profile of orders that ask for none; {@code default} by default, never a random one. */
    public Builder defaultProfile(String name) {
      this.defaultProfile = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Whether newAccount needs an external account binding (RFC 8555 section 7.3.4), advertised as
     * {@code meta.externalAccountRequired}; off by default. Bindings sent anyway are checked.
     */
    public Builder externalAccountRequired(boolean required) {
      this.externalAccountRequired = required;
      return this;
    }

    /**
     * Provisions an external account binding key: its key id and its HMAC key in base64url (padded
     * or not), as a commercial CA hands them out. Add more at runtime with {@link
     * AcmeServer#externalAccountKey(String, String)}.
     */
    public Builder externalAccountKey(String kid, String base64urlKey) {
      externalAccountKeys.put(Objects.requireNonNull(kid, "kid"), base64urlKey);
      return this;
    }

    /**
     * How many extra roots cross-sign the issuing intermediate, each served as an alternate chain
     * with {@code Link rel="alternate"} (RFC 8555 section 7.4.2); 0 by default, as Pebble's {@code
     * PEBBLE_ALTERNATE_ROOTS}.
     */
    public Builder alternateRoots(int count) {
      this.alternateRoots = count;
      return this;
    }

    /**
     * How many intermediates stand between a leaf and its root; 1 by default, as Pebble's {@code
     * PEBBLE_CHAIN_LENGTH}. Keep the chain at 4 or fewer: some clients refuse more than 5
     * certificates.
     */
    public Builder chainLength(int intermediates) {
      this.chainLength = intermediates;
      return this;
    }

    /**
     * The chance, in percent and per identifier, that a new order reuses one of the account's valid
     * authorizations instead of asking for a new validation (as Pebble's {@code
     * PEBBLE_AUTHZREUSE}); 0 by default. Pre-authorizations (newAuthz) are always reused.
     */
    public Builder authorizationReusePercent(int percent) {
      this.authorizationReusePercent = percent;
      return this;
    }

    /**
     * The plain-HTTP port that serves CRLs (RFC 5280); 0, the default, picks a free one, -1 turns
     * CRLs off (and leaves the CRL distribution point out of certificates).
     */
    public Builder crlPort(int port) {
      this.crlPort = port;
      return this;
    }

    /**
     * Where certificates say their CRL is, for example {@code http://localacme:14080} when the
     * system under test reaches LocalAcme by another name (a container network, a published port);
     * by default {@code http://localhost:<crlPort>}.
     */
    public Builder crlBaseUrl(String baseUrl) {
      this.crlBaseUrl = baseUrl;
      return this;
    }

    /**
     * Whether the management API hands out the CA's private keys ({@code /root-keys/N} and {@code
     * /intermediate-keys/N}, as Pebble does). On by default for a throwaway root; off by default
     * for a data directory's persistent root, which a developer may trust on their machine: anyone
     * holding its key could sign for any name the constraints allow.
     */
    public Builder exposeCaKeys(boolean expose) {
      this.exposeCaKeys = expose;
      return this;
    }

    public AcmeServerConfig config() {
      Map<String, Profile> allProfiles = new LinkedHashMap<>();
      allProfiles.put("default", Profile.DEFAULT.withValidity(certificateValidity));
      allProfiles.put("shortlived", Profile.SHORT_LIVED);
      allProfiles.putAll(profiles);
      return new AcmeServerConfig(
          bindHost,
          port,
          managementPort,
          http01Port,
          tlsAlpn01Port,
          validationHost,
          routes,
          dnsServer,
          caaIdentities,
          challengeTestServer,
          keyAlgorithm,
          certificateValidity,
          validationEnabled,
          validationConnectTimeout,
          validationReadTimeout,
          validationGrace,
          orderLifetime,
          authorizationLifetime,
          ordersPerPage,
          nonceRejectPercent,
          termsOfService,
          tlsNames,
          asyncIssuance,
          dataDirectory,
          rootNameConstraints,
          blockedDomains,
          listeners,
          clock,
          allProfiles,
          defaultProfile,
          externalAccountRequired,
          externalAccountKeys,
          alternateRoots,
          chainLength,
          authorizationReusePercent,
          crlPort,
          crlBaseUrl,
          exposeCaKeys != null ? exposeCaKeys : dataDirectory == null);
    }

    /** A server with these settings, not yet started. */
    public AcmeServer build() {
      return new AcmeServer(config());
    }

    /** Builds and starts the server. */
    public AcmeServer start() {
      return build().start();
    }
  }
}
