package dev.localacme.server.internal.challtestsrv;

import dev.localacme.server.ChallengeTestServer;
import dev.localacme.server.ChallengeTestServerConfig;
import dev.localacme.server.internal.challtestsrv.management.ChallTestSrvRoutes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
    ChallTestSrvRoutes.Enabled enabled =
        new ChallTestSrvRoutes.Enabled(
            !config.http01Addresses().isEmpty() || !config.https01Addresses().isEmpty(),
            config.dnsEnabled(),
            !config.tlsAlpn01Addresses().isEmpty());
    HttpListeners http =
        HttpListeners.start(
            config,
            defaultHost,
            new HttpResponder(responses, history, false),
            new HttpResponder(responses, history, true),
            ChallTestSrvRoutes.handler(records, responses, history, enabled));
    listeners.add(http);
    http01Port = http.port(HttpListeners.HTTP01);
    https01Port = http.port(HttpListeners.HTTPS01);
    managementPort = http.port(HttpListeners.MANAGEMENT);
    if (managementPort > 0) {
      InetSocketAddress management = ListenAddress.parse(config.managementAddress(), defaultHost);
      if (!management.getAddress().isAnyLocalAddress()) {
        managementHost = management.getHostString();
      }
    }
    http.bound().forEach(b -> described.add(b.kind() + " on port " + b.port()));
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
