package dev.localacme.testkit.acme4j;

import dev.localacme.server.AcmeServer;
import dev.localacme.testkit.internal.RunningServers;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.AbstractAcmeProvider;

/**
 * An acme4j provider for {@code acme://localacme/<host>:<port>} URIs, such as {@link
 * dev.localacme.testkit.LocalAcme#acme4jUri()}: it resolves them to the directory of the LocalAcme
 * server the testkit runs on that port in this JVM, and gives the session an HTTP client that
 * trusts LocalAcme's roots. JVM-wide trust stays untouched, so a system under test that does {@code
 * new Session(uri)} works unchanged.
 *
 * <p>acme4j finds it through {@code META-INF/services}; tests that hold an {@link AcmeServer} can
 * also call {@link #session(AcmeServer)}.
 */
public class LocalAcmeProvider extends AbstractAcmeProvider {
  private static final Pattern HOST_PORT =
      Pattern.compile("^/([^:/]+|\\[[0-9a-fA-F:.]+]):(\\d+)/?$");

  /** The server of a {@link #session(AcmeServer)}; null for instances acme4j loads itself. */
  private final AcmeServer server;

  /** The provider as acme4j's service loader creates it, for any in-process server. */
  public LocalAcmeProvider() {
    this(null);
  }

  private LocalAcmeProvider(AcmeServer server) {
    this.server = server;
  }

  /**
   * A session with {@code server} (any running {@link AcmeServer}, not only the testkit's),
   * trusting its roots: acme4j's entry point, ready for {@code new
   * AccountBuilder()...create(session)}.
   */
  public static Session session(AcmeServer server) {
    return new Session(uri(server), new LocalAcmeProvider(server));
  }

  /** {@code acme://localacme/localhost:<port>} for a server the testkit runs. */
  public static URI uri(AcmeServer server) {
    return URI.create("acme://localacme/localhost:" + server.port());
  }

  @Override
  public boolean accepts(URI serverUri) {
    return "acme".equals(serverUri.getScheme()) && "localacme".equals(serverUri.getHost());
  }

  @Override
  public URL resolve(URI serverUri) {
    Matcher hostPort = HOST_PORT.matcher(String.valueOf(serverUri.getPath()));
    if (!hostPort.matches()) {
      throw new IllegalArgumentException(
          serverUri
              + " names no server: use acme://localacme/<host>:<port>, for example"
              + " acme://localacme/localhost:14000 (LocalAcme#acme4jUri() gives it)");
    }
    int port = Integer.parseInt(hostPort.group(2));
    if (server == null && RunningServers.onPort(port).isEmpty()) {
      throw new IllegalArgumentException(
          "no LocalAcme server of the testkit listens on port "
              + port
              + " in this JVM (running: "
              + RunningServers.all().stream().map(AcmeServer::port).toList()
              + "). acme://localacme/ URIs reach in-process servers only; give other servers'"
              + " https directory URL to acme4j with a trust of your own.");
    }
    try {
      return URI.create("https://" + hostPort.group(1) + ":" + port + "/dir").toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("bad LocalAcme URI " + serverUri, e);
    }
  }

  /** acme4j's default client, trusting the roots of the LocalAcme servers in this JVM only. */
  @Override
  public HttpClient createHttpClient(NetworkSettings settings) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(settings.getTimeout())
            .proxy(settings.getProxySelector())
            .sslContext(trustingLocalAcme());
    if (settings.getAuthenticator() != null) {
      builder.authenticator(settings.getAuthenticator());
    }
    return builder.build();
  }

  // acme4j makes the client before it resolves the URI, so the client cannot know which server
  // it is for; trusting every in-process root is as narrow as that allows.
  private SSLContext trustingLocalAcme() {
    try {
      KeyStore roots = KeyStore.getInstance("PKCS12");
      roots.load(null, null);
      for (AcmeServer trusted : server != null ? List.of(server) : RunningServers.all()) {
        KeyStore trust = trusted.trustStore();
        for (String alias : Collections.list(trust.aliases())) {
          Certificate root = trust.getCertificate(alias);
          roots.setCertificateEntry(trusted.port() + "-" + alias, root);
        }
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(roots);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store of LocalAcme's roots", e);
    }
  }
}
