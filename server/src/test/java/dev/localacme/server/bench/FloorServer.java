package dev.localacme.server.bench;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.IdentityKeyManager;
import dev.localacme.server.internal.ca.Pem;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The floor under the standalone server's start, for {@link StandaloneBenchmark}{@code --floor}: an
 * HTTPS server that does nothing but answer {@code GET /dir} with a constant body, started the way
 * the README starts LocalAcme (a class data archive of its own, C1 only). No command line, no CA,
 * no state, one listener. {@code undertow} is LocalAcme's stack (Undertow, XNIO, JSSE) with the
 * start-up measures LocalAcme takes: TLS made on a second thread while the main thread loads XNIO
 * and Undertow, no trust store, jboss-logging through SLF4J, no thread-pool MBean. {@code jdk} is
 * the JDK's own {@code HttpsServer} on the same key, on one thread.
 *
 * <p>Arguments: {@code undertow|jdk port cert.pem key.pem}: the server's certificate chain, leaf
 * first, as LocalAcme serves its own, and its PKCS#8 key.
 */
public final class FloorServer {
  private static final byte[] DIRECTORY =
      ("{\"newNonce\":\"https://localhost/acme/new-nonce\","
              + "\"newAccount\":\"https://localhost/acme/new-account\","
              + "\"newOrder\":\"https://localhost/acme/new-order\"}")
          .getBytes(StandardCharsets.UTF_8);

  private FloorServer() {}

  public static void main(String[] args) throws Exception {
    String kind = args[0];
    int port = Integer.parseInt(args[1]);
    Path cert = Path.of(args[2]);
    Path key = Path.of(args[3]);
    if (kind.equals("jdk")) {
      HttpsServer server = HttpsServer.create(new InetSocketAddress("localhost", port), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls(cert, key)));
      server.createContext(
          "/dir",
          exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, DIRECTORY.length);
            exchange.getResponseBody().write(DIRECTORY);
            exchange.close();
          });
      server.start();
      return;
    }
    if (!kind.equals("undertow")) {
      throw new IllegalArgumentException("undertow or jdk, not " + kind);
    }
    System.setProperty("org.jboss.logging.provider", "slf4j");
    System.setProperty("jboss.threads.eqe.disable-mbean", "true");
    CompletableFuture<SSLContext> tls = new CompletableFuture<>();
    Thread warmup =
        new Thread(
            () -> {
              try {
                SSLContext context = tls(cert, key);
                SSLEngine engine = context.createSSLEngine();
                engine.setUseClientMode(false);
                engine.beginHandshake();
                tls.complete(context);
              } catch (Exception | LinkageError e) {
                tls.completeExceptionally(e);
              }
            });
    warmup.start();
    Class.forName("org.xnio.Xnio").getMethod("getInstance").invoke(null);
    Class.forName("io.undertow.util.Cookies");
    Undertow.builder()
        .addHttpsListener(port, "localhost", tls.get())
        .setHandler(
            exchange -> {
              exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
              exchange.getResponseSender().send(ByteBuffer.wrap(DIRECTORY));
            })
        .build()
        .start();
  }

  /** LocalAcme's own TLS set-up for its listeners, on the key and chain in the two files. */
  private static SSLContext tls(Path certPem, Path keyPem) throws Exception {
    List<X509Certificate> chain = Pem.parseCertificates(Files.readString(certPem));
    PrivateKey key =
        Pem.parsePrivateKey(Files.readString(keyPem), chain.get(0).getPublicKey().getAlgorithm());
    return IdentityKeyManager.serverContext(new CertificateAuthority.ServerIdentity(key, chain));
  }
}
