package dev.localacme.server.internal.challtestsrv;

import dev.localacme.server.ChallengeTestServerConfig;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The challenge test server's HTTP listeners, on one small Undertow: http-01 (plain), http-01 over
 * HTTPS with a self-signed certificate, and the management API.
 */
final class HttpListeners implements AutoCloseable {
  static final String HTTP01 = "http-01";
  static final String HTTPS01 = "https-01";
  static final String MANAGEMENT = "management";

  /** One bound listener: its kind and port. */
  record Bound(String kind, int port) {}

  private final Undertow undertow;
  private final List<Bound> bound;

  private HttpListeners(Undertow undertow, List<Bound> bound) {
    this.undertow = undertow;
    this.bound = List.copyOf(bound);
  }

  /** Starts the listeners the configuration names; none when it names none. */
  static HttpListeners start(
      ChallengeTestServerConfig config,
      String defaultHost,
      HttpHandler http01,
      HttpHandler https01,
      HttpHandler management) {
    List<String> kinds = new ArrayList<>();
    Undertow.Builder builder =
        Undertow.builder()
            .setIoThreads(1)
            .setWorkerThreads(8)
            .setServerOption(UndertowOptions.ENABLE_HTTP2, false);
    for (String address : config.http01Addresses()) {
      add(builder, address, defaultHost, null, http01);
      kinds.add(HTTP01);
    }
    SSLContext tls = config.https01Addresses().isEmpty() ? null : selfSignedTls();
    for (String address : config.https01Addresses()) {
      add(builder, address, defaultHost, tls, https01);
      kinds.add(HTTPS01);
    }
    if (!config.managementAddress().isBlank()) {
      add(builder, config.managementAddress(), defaultHost, null, management);
      kinds.add(MANAGEMENT);
    }
    if (kinds.isEmpty()) {
      return new HttpListeners(null, List.of());
    }
    Undertow undertow = builder.build();
    undertow.start();
    List<Bound> bound = new ArrayList<>();
    List<Undertow.ListenerInfo> infos = undertow.getListenerInfo();
    for (int i = 0; i < kinds.size(); i++) {
      bound.add(new Bound(kinds.get(i), ((InetSocketAddress) infos.get(i).getAddress()).getPort()));
    }
    return new HttpListeners(undertow, bound);
  }

  List<Bound> bound() {
    return bound;
  }

  /** The first port of a kind, or -1. */
  int port(String kind) {
    return bound.stream()
        .filter(b -> b.kind().equals(kind))
        .mapToInt(Bound::port)
        .findFirst()
        .orElse(-1);
  }

  private static void add(
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

  @Override
  public void close() {
    if (undertow != null) {
      undertow.stop();
    }
  }
}
