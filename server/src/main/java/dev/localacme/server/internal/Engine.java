package dev.localacme.server.internal;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.AcmeServerConfig;
import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.IdentityKeyManager;
import dev.localacme.server.internal.ca.PermittedNames;
import dev.localacme.server.internal.datadir.DataDirectory;
import dev.localacme.server.internal.domain.Accounts;
import dev.localacme.server.internal.domain.Authorizations;
import dev.localacme.server.internal.domain.Certificates;
import dev.localacme.server.internal.domain.Crls;
import dev.localacme.server.internal.domain.ExternalAccountKeys;
import dev.localacme.server.internal.domain.IdentifierPolicy;
import dev.localacme.server.internal.domain.Inspection;
import dev.localacme.server.internal.domain.NameConstraintPolicy;
import dev.localacme.server.internal.domain.Orders;
import dev.localacme.server.internal.domain.Profiles;
import dev.localacme.server.internal.domain.Renewals;
import dev.localacme.server.internal.domain.Revocations;
import dev.localacme.server.internal.events.Events;
import dev.localacme.server.internal.http.AcmeRoutes;
import dev.localacme.server.internal.http.CrlRoutes;
import dev.localacme.server.internal.http.ExternalAccountBinding;
import dev.localacme.server.internal.jose.NonceStore;
import dev.localacme.server.internal.management.ManagementRoutes;
import dev.localacme.server.internal.protocol.DirectoryJson;
import dev.localacme.server.internal.state.InMemoryStore;
import dev.localacme.server.internal.state.Store;
import dev.localacme.server.internal.validation.Dns01Validator;
import dev.localacme.server.internal.validation.DnsSetup;
import dev.localacme.server.internal.validation.Http01Validator;
import dev.localacme.server.internal.validation.Targets;
import dev.localacme.server.internal.validation.TlsAlpn01Validator;
import dev.localacme.server.internal.validation.Validators;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Everything a started {@link AcmeServer} is made of: the CA and its store, the domain operations,
 * the validators and the listeners, built from the configuration in dependency order and stopped as
 * a whole. {@code AcmeServer} is the public face; this is the one place that wires the parts.
 */
public final class Engine implements AutoCloseable {
  private static final Duration API_CERTIFICATE_VALIDITY = Duration.ofDays(365);

  private final AcmeServerConfig config;
  private final Events events;
  private final Targets targets;
  private final DnsSetup dns;
  private CertificateAuthority ca;
  private DataDirectory data;
  private Store store;
  private Inspection inspection;
  private Renewals renewals;
  private ExternalAccountKeys externalAccountKeys;
  private Crls crls;
  private ExecutorService validationExecutor;
  private Http01Validator http01;
  private Undertow undertow;
  private int port;
  private int managementPort = -1;
  private int crlPort = -1;

  private Engine(AcmeServerConfig config, Events events, Targets targets, DnsSetup dns) {
    this.config = config;
    this.events = events;
    this.targets = targets;
    this.dns = dns;
  }

  /** Builds and starts every part; on failure releases whatever had started and rethrows. */
  public static Engine start(
      AcmeServerConfig config, Events events, Targets targets, DnsSetup dns) {
    Engine engine = new Engine(config, events, targets, dns);
    try {
      engine.openCa();
      engine.listen(engine.domain());
      dns.start(config.bindHost());
      return engine;
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /** The CA and the store: throwaway, or the data directory's. */
  private void openCa() {
    CertificateAuthority.Settings settings =
        new CertificateAuthority.Settings(
            config.keyAlgorithm(),
            config.alternateRoots(),
            config.chainLength(),
            Duration.ofDays(3650),
            config.rootNameConstraints());
    if (config.dataDirectory() == null) {
      ca = CertificateAuthority.generate(settings, config.clock());
      store = new InMemoryStore();
    } else {
      data = new DataDirectory(config.dataDirectory());
      DataDirectory.Opened opened = data.open(settings, config.clock());
      ca = opened.ca();
      store = opened.store();
    }
    PermittedNames.of(ca.root()).ifPresent(this::checkApiNamesPermitted);
  }

  private void checkApiNamesPermitted(PermittedNames permitted) {
    for (String name : apiNames()) {
      if (!permitted.permitsName(name)) {
        throw new IllegalStateException(
            "the ACME API's own TLS certificate must name "
                + name
                + ", but the root may only certify "
                + permitted.describe()
                + "; allow it with --allow-domain "
                + name
                + " and a new --data-dir, or do not ask for that name");
      }
    }
  }

  /** The domain operations, as the HTTP handlers see them. */
  private AcmeRoutes.Api domain() {
    Clock clock = config.clock();
    Profiles profiles = new Profiles(config.profiles(), config.defaultProfile());
    renewals = new Renewals(store, clock);
    externalAccountKeys =
        new ExternalAccountKeys(config.externalAccountRequired(), config.externalAccountKeys());
    crls = new Crls(store, clock, ca);
    events.add(crls);
    validationExecutor = validationExecutor();
    Validators validators = validators();
    IdentifierPolicy policy =
        NameConstraintPolicy.of(ca.root()).and(IdentifierPolicy.blocking(config.blockedDomains()));
    Orders orders =
        new Orders(
            store,
            clock,
            events,
            validators,
            policy,
            config.orderLifetime(),
            ca.issuer().getNotAfter().toInstant(),
            profiles,
            renewals,
            config.authorizationReusePercent());
    inspection = new Inspection(store, ca, orders);
    events.add(inspection);
    return new AcmeRoutes.Api(
        store,
        new NonceStore(clock, Duration.ofHours(1), 100_000, config.nonceRejectPercent()),
        new Accounts(store, clock, events, config.termsOfService()),
        orders,
        new Authorizations(
            store, clock, events, validators, validationExecutor, config.authorizationLifetime()),
        new Certificates(
            store,
            clock,
            events,
            ca,
            orders,
            profiles,
            crls,
            config.asyncIssuance() ? validationExecutor : null,
            dns.caa()),
        new Revocations(store, clock, events),
        renewals,
        ExternalAccountBinding.checking(externalAccountKeys),
        () ->
            new DirectoryJson.Meta(
                config.termsOfService(),
                null,
                config.caaIdentities(),
                externalAccountKeys.required() ? Boolean.TRUE : null,
                profiles.descriptions()),
        config.ordersPerPage(),
        config.validationGrace(),
        clock);
  }

  private Validators validators() {
    http01 =
        new Http01Validator(
            targets,
            config.validationConnectTimeout(),
            config.validationReadTimeout(),
            "LocalAcme-VA/" + AcmeServer.version());
    return new Validators(
        List.of(
            http01,
            new Dns01Validator(dns.lookup()),
            new TlsAlpn01Validator(
                targets, config.validationConnectTimeout(), config.validationReadTimeout())),
        config.validationEnabled(),
        dns.caa());
  }

  /** The HTTPS ACME API, the HTTPS management API and the plain-HTTP CRL listener. */
  private void listen(AcmeRoutes.Api api) {
    SSLContext tls =
        IdentityKeyManager.serverContext(
            data == null
                ? ca.serverIdentity(apiNames(), API_CERTIFICATE_VALIDITY)
                : data.apiIdentity(ca, apiNames(), API_CERTIFICATE_VALIDITY, config.clock()));
    int processors = Runtime.getRuntime().availableProcessors();
    Undertow.Builder builder =
        Undertow.builder()
            .setIoThreads(Math.max(2, processors))
            .setWorkerThreads(Math.max(32, processors * 8))
            .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
            .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
            .setServerOption(UndertowOptions.ALWAYS_SET_DATE, false);
    https(builder, config.port(), tls, AcmeRoutes.handler(api));
    if (config.managementPort() >= 0) {
      https(
          builder,
          config.managementPort(),
          tls,
          ManagementRoutes.handler(
              new ManagementRoutes.Api(
                  ca, store, inspection, renewals, externalAccountKeys, config.exposeCaKeys())));
    }
    if (config.crlPort() >= 0) {
      builder.addListener(
          new Undertow.ListenerBuilder()
              .setType(Undertow.ListenerType.HTTP)
              .setHost(config.bindHost())
              .setPort(config.crlPort())
              .setRootHandler(CrlRoutes.handler(crls)));
      if (config.crlPort() > 0) {
        publishCrls(config.crlPort());
      }
    }
    Undertow started = builder.build();
    try {
      started.start();
    } catch (RuntimeException e) {
      // Undertow has shut its worker down already; stop() would wait for it forever.
      throw new IllegalStateException(
          "cannot listen on "
              + config.bindHost()
              + " port "
              + config.port()
              + (config.managementPort() >= 0 ? " or " + config.managementPort() : "")
              + (config.crlPort() >= 0 ? " or " + config.crlPort() : "")
              + ": "
              + rootMessage(e),
          e);
    }
    undertow = started;
    List<Undertow.ListenerInfo> listeners = undertow.getListenerInfo();
    port = portOf(listeners.get(0));
    int next = 1;
    if (config.managementPort() >= 0) {
      managementPort = portOf(listeners.get(next++));
    }
    if (config.crlPort() >= 0) {
      crlPort = portOf(listeners.get(next));
      publishCrls(crlPort);
    }
  }

  private void https(Undertow.Builder builder, int port, SSLContext tls, HttpHandler handler) {
    builder.addListener(
        new Undertow.ListenerBuilder()
            .setType(Undertow.ListenerType.HTTPS)
            .setHost(config.bindHost())
            .setPort(port)
            .setSslContext(tls)
            .setRootHandler(handler));
  }

  private void publishCrls(int listening) {
    String base =
        config.crlBaseUrl() != null
            ? config.crlBaseUrl()
            : "http://" + uriHost(config.bindHost()) + ":" + listening;
    crls.publishAt(CrlRoutes.url(base, crls.issuerId()));
  }

  /** Forgets all state and everything set at runtime, keeping the CA's keys. */
  public void reset() {
    store.clear();
    inspection.clear();
    renewals.clear();
    externalAccountKeys.reset();
    crls.markStale();
    targets.reset(
        config.validationHost(), config.http01Port(), config.tlsAlpn01Port(), config.routes());
    dns.reset();
  }

  /** Stops listening and releases every thread, then closes the store. Idempotent. */
  @Override
  public void close() {
    if (undertow != null) {
      undertow.stop();
      undertow = null;
    }
    if (validationExecutor != null) {
      validationExecutor.shutdownNow();
      try {
        // validations record their outcome in the store, which closes next
        validationExecutor.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      validationExecutor = null;
    }
    if (http01 != null) {
      try {
        http01.close();
      } catch (IOException e) {
        // nothing left to release
      }
      http01 = null;
    }
    if (store != null) {
      store.close();
      store = null;
    }
    dns.close();
    if (inspection != null) {
      events.remove(inspection);
    }
    if (crls != null) {
      events.remove(crls);
    }
  }

  public CertificateAuthority ca() {
    return ca;
  }

  public Inspection inspection() {
    return inspection;
  }

  public Renewals renewals() {
    return renewals;
  }

  public ExternalAccountKeys externalAccountKeys() {
    return externalAccountKeys;
  }

  public Crls crls() {
    return crls;
  }

  public int port() {
    return port;
  }

  public int managementPort() {
    return managementPort;
  }

  public int crlPort() {
    return crlPort;
  }

  /** The host for URLs a client uses: {@code localhost} for loopback and wildcard binds. */
  public static String uriHost(String bindHost) {
    if (bindHost.equals("0.0.0.0")
        || bindHost.equals("::")
        || bindHost.startsWith("127.")
        || bindHost.equals("::1")) {
      return "localhost";
    }
    return bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
  }

  /** The names of the API's own TLS certificate. */
  private List<String> apiNames() {
    Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
    String host = config.bindHost();
    if (!host.equals("0.0.0.0") && !host.equals("::")) {
      names.add(host);
    }
    names.addAll(config.tlsNames());
    return List.copyOf(names);
  }

  private static int portOf(Undertow.ListenerInfo listener) {
    return ((InetSocketAddress) listener.getAddress()).getPort();
  }

  private static ExecutorService validationExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            64,
            64,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread thread = new Thread(r, "localacme-validation-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
