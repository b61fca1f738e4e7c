package dev.localacme.server.internal.challtestsrv;

import dev.localacme.server.ChallengeTestServer;
import dev.localacme.server.ChallengeTestServerConfig;
import dev.localacme.server.internal.challtestsrv.management.ChallTestSrvRoutes;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running challenge test server: DNS servers, http-01, HTTPS and tls-alpn-01 responders and the
 * management API, over shared records, responses and request history.
 */
public final class ChallTestSrv implements ChallengeTestServer, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.localacme.challtestsrv");

  private final DnsRecordStore records;
  private final ChallengeResponses responses;
  private final RequestHistory history;
  private final ExecutorService executor;
  private final List<AutoCloseable> listeners = new ArrayList<>();
  private final List<String> described = new ArrayList<>();
  private Undertow undertow;
  private int dnsPort = -1;
  private int http01Port = -1;
  private int https01Port = -1;
  private int tlsAlpn01Port = -1;
  private int managementPort = -1;
  private String managementHost = "127.0.0.1";

  private ChallTestSrv(
      DnsRecordStore records, ChallengeResponses responses, RequestHistory history) {
    this.records = records;
    this.responses = responses;
    this.history = history;
    AtomicInteger count = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "challtestsrv-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts every listener the configuration names.
   *
   * @param defaultHost where {@code :port} addresses listen; empty for all interfaces
   * @throws IllegalStateException if a listener cannot bind; nothing is left running then
   */
  public static ChallTestSrv start(
      ChallengeTestServerConfig config,
      String defaultHost,
      DnsRecordStore records,
      RequestHistory history) {
    ChallTestSrv server = new ChallTestSrv(records, new ChallengeResponses(), history);
    try {
      server.startListeners(config, defaultHost);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw new IllegalStateException("the challenge test server cannot start: " + message(e), e);
    }
    LOG.info("Challenge test server: {}", String.join("; ", server.described));
    return server;
  }

  private void startListeners(ChallengeTestServerConfig config, String defaultHost)
      throws IOException {
    DnsResponder responder = new DnsResponder(records, history);
    for (String address : config.dnsAddresses()) {
      DnsServer dns =
          DnsServer.start(ListenAddress.parse(address, defaultHost), responder, executor);
      listeners.add(dns);
      dnsPort = dnsPort < 0 ? dns.port() : dnsPort;
      described.add("DNS on " + address + " -> port " + dns.port() + " (UDP and TCP)");
    }
    for (String address : config.tlsAlpn01Addresses()) {
      TlsAlpn01Responder tls =
          TlsAlpn01Responder.start(
              ListenAddress.parse(address, defaultHost), responses, history, executor);
      listeners.add(tls);
      tlsAlpn01Port = tlsAlpn01Port < 0 ? tls.port() : tlsAlpn01Port;
      described.add("tls-alpn-01 on port " + tls.port());
    }
    startHttp(config, defaultHost);
  }

  private void startHttp(ChallengeTestServerConfig config, String defaultHost) {
    List<String> kinds = new ArrayList<>();
    Undertow.Builder builder =
        Undertow.builder()
            .setIoThreads(1)
            .setWorkerThreads(8)
            .setServerOption(UndertowOptions.ENABLE_HTTP2, false);
    for (String address : config.http01Addresses()) {
      listener(builder, address, defaultHost, null, new HttpResponder(responses, history, false));
      kinds.add("http-01");
    }
    if (!config.https01Addresses().isEmpty()) {
      SSLContext tls = selfSignedTls();
      for (String address : config.https01Addresses()) {
        listener(builder, address, defaultHost, tls, new HttpResponder(responses, history, true));
        kinds.add("https-01");
      }
    }
    if (!config.managementAddress().isBlank()) {
      ChallTestSrvRoutes.Enabled enabled =
          new ChallTestSrvRoutes.Enabled(
              !config.http01Addresses().isEmpty() || !config.https01Addresses().isEmpty(),
              config.dnsEnabled(),
              !config.tlsAlpn01Addresses().isEmpty());
      InetSocketAddress management = ListenAddress.parse(config.managementAddress(), defaultHost);
      if (!management.getAddress().isAnyLocalAddress()) {
        managementHost = management.getHostString();
      }
      listener(
          builder,
          config.managementAddress(),
          defaultHost,
          null,
          ChallTestSrvRoutes.handler(records, responses, history, enabled));
      kinds.add("management");
    }
    if (kinds.isEmpty()) {
      return;
    }
    undertow = builder.build();
    undertow.start();
    List<Undertow.ListenerInfo> infos = undertow.getListenerInfo();
    for (int i = 0; i < kinds.size(); i++) {
      int port = ((InetSocketAddress) infos.get(i).getAddress()).getPort();
      String kind = kinds.get(i);
      switch (kind) {
        case "http-01" -> http01Port = http01Port < 0 ? port : http01Port;
        case "https-01" -> https01Port = https01Port < 0 ? port : https01Port;
        default -> managementPort = port;
      }
      described.add(kind + " on port " + port);
    }
  }

  private static void listener(
      Undertow.Builder builder,
      String address,
      String defaultHost,
      SSLContext tls,
      HttpHandler handler) {
    InetSocketAddress socket = ListenAddress.parse(address, defaultHost);
    Undertow.ListenerBuilder listener =
        new Undertow.ListenerBuilder()
            .setType(tls == null ? Undertow.ListenerType.HTTP : Undertow.ListenerType.HTTPS)
            .setHost(socket.getAddress().getHostAddress())
            .setPort(socket.getPort())
            .setRootHandler(handler);
    if (tls != null) {
      listener.setSslContext(tls);
    }
    builder.addListener(listener);
  }

  private static SSLContext selfSignedTls() {
    try {
      KeyPair key = SelfSignedCertificates.ecKey();
      X509Certificate certificate = SelfSignedCertificates.selfSigned(key, "challenge test server");
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = "challtestsrv".toCharArray();
      store.setKeyEntry("https01", key.getPrivate(), password, new X509Certificate[] {certificate});
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up the HTTPS responder's certificate", e);
    }
  }

  /** Forgets every response and the request history; records are the caller's to reset. */
  public void clearResponses() {
    responses.clear();
    history.clearAll();
  }

  @Override
  public DnsRecordStore dns() {
    return records;
  }

  @Override
  public int dnsPort() {
    return dnsPort;
  }

  @Override
  public int http01Port() {
    return http01Port;
  }

  @Override
  public int https01Port() {
    return https01Port;
  }

  @Override
  public int tlsAlpn01Port() {
    return tlsAlpn01Port;
  }

  @Override
  public int managementPort() {
    return managementPort;
  }

  @Override
  public URI managementUri() {
    if (managementPort < 0) {
      throw new IllegalStateException("the management API is off");
    }
    String host = managementHost.contains(":") ? "[" + managementHost + "]" : managementHost;
    return URI.create("http://" + host + ":" + managementPort);
  }

  @Override
  public ChallTestSrv http01(String token, String content) {
    responses.addHttp01(token, content);
    return this;
  }

  @Override
  public ChallTestSrv removeHttp01(String token) {
    responses.removeHttp01(token);
    return this;
  }

  @Override
  public ChallTestSrv tlsAlpn01(String host, String keyAuthorization) {
    responses.addTlsAlpn01(host, keyAuthorization);
    return this;
  }

  @Override
  public ChallTestSrv removeTlsAlpn01(String host) {
    responses.removeTlsAlpn01(host);
    return this;
  }

  @Override
  public ChallTestSrv redirect(String path, String targetUrl) {
    responses.addRedirect(path, targetUrl);
    return this;
  }

  @Override
  public ChallTestSrv removeRedirect(String path) {
    responses.removeRedirect(path);
    return this;
  }

  /** Stops every listener and thread. Idempotent. */
  @Override
  public synchronized void close() {
    if (undertow != null) {
      undertow.stop();
      undertow = null;
    }
    for (AutoCloseable listener : listeners) {
      try {
        listener.close();
      } catch (Exception e) {
        // closing the rest anyway
      }
    }
    listeners.clear();
    executor.shutdownNow();
  }

  private static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
