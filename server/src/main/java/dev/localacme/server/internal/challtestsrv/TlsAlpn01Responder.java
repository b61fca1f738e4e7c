package dev.localacme.server.internal.challtestsrv;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tls-alpn-01 responder (RFC 8737): for a handshake whose SNI has a key authorization and whose
 * ALPN offer is exactly {@code acme-tls/1}, it presents a validation certificate made on the spot,
 * then closes without application data. Other handshakes fail, as pebble-challtestsrv's do.
 */
final class TlsAlpn01Responder implements AutoCloseable {
  static final String ACME_TLS_1 = "acme-tls/1";
  private static final Logger LOG = LoggerFactory.getLogger(TlsAlpn01Responder.class);

  /** What one ClientHello offered. */
  private static final class Hello {
    volatile String serverName = "";
    volatile List<String> protocols;
    volatile boolean seen;
  }

  private final ChallengeResponses responses;
  private final RequestHistory history;
  private final ExecutorService executor;
  private final KeyPair key = SelfSignedCertificates.ecKey();
  private final Map<Socket, Hello> hellos = new ConcurrentHashMap<>();
  private final SSLContext context;
  private final ServerSocket server;
  private volatile boolean closed;

  private TlsAlpn01Responder(
      ChallengeResponses responses,
      RequestHistory history,
      ExecutorService executor,
      ServerSocket server) {
    this.responses = responses;
    this.history = history;
    this.executor = executor;
    this.server = server;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new ChallengeKeyManager()}, null, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static TlsAlpn01Responder start(
      InetSocketAddress address,
      ChallengeResponses responses,
      RequestHistory history,
      ExecutorService executor)
      throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(address, 50);
    TlsAlpn01Responder responder = new TlsAlpn01Responder(responses, history, executor, server);
    Thread thread = new Thread(responder::accept, "challtestsrv-tlsalpn01-" + responder.port());
    thread.setDaemon(true);
    thread.start();
    return responder;
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        executor.execute(() -> handshake(socket));
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("tls-alpn-01 responder on port {} stopped: {}", port(), e.getMessage());
        }
        return;
      }
    }
  }

  private void handshake(Socket plain) {
    Hello hello = new Hello();
    SSLSocket tls = null;
    try {
      plain.setSoTimeout(5000);
      tls =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(
                      plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
      tls.setUseClientMode(false);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      tls.setSSLParameters(parameters);
      hellos.put(tls, hello);
      tls.setHandshakeApplicationProtocolSelector(
          (socket, offered) -> {
            hello.seen = true;
            hello.protocols = List.copyOf(offered);
            hello.serverName = serverName(socket.getHandshakeSession());
            // Returning null refuses the handshake with no_application_protocol (RFC 7301 3.2).
            return offered.equals(List.of(ACME_TLS_1)) ? ACME_TLS_1 : null;
          });
      tls.startHandshake();
    } catch (IOException | RuntimeException e) {
      LOG.debug("tls-alpn-01 handshake failed: {}", e.toString());
    } finally {
      if (tls != null) {
        hellos.remove(tls);
      }
      if (hello.seen) {
        history.tlsAlpn(new RequestHistory.TlsAlpnEvent(hello.serverName, hello.protocols));
      }
      try {
        (tls != null ? tls : plain).close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private static String serverName(SSLSession session) {
    if (session instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name instanceof SNIHostName host) {
          return host.getAsciiName();
        }
      }
    }
    return "";
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /**
   * Chooses the validation certificate by SNI. The JDK picks the certificate before it asks the
   * ALPN selector, which then refuses any offer but exactly {@code acme-tls/1}; a client that
   * offers no ALPN at all is never asked, sees the certificate, and is hung up on (pebble-
   * challtestsrv refuses that handshake outright).
   */
  private final class ChallengeKeyManager extends X509ExtendedKeyManager {
    private static final String PREFIX = "acme-tls:";

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      if (!"EC".equals(keyType) || !(socket instanceof SSLSocket tls)) {
        return null;
      }
      String name = serverName(tls.getHandshakeSession());
      Hello hello = hellos.get(socket);
      if (hello != null) {
        hello.seen = true;
        hello.serverName = name;
      }
      return responses.tlsAlpn01(name).isPresent() ? PREFIX + name : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      if (alias == null || !alias.startsWith(PREFIX)) {
        return null;
      }
      String name = alias.substring(PREFIX.length());
      return responses
          .tlsAlpn01(name)
          .map(
              content ->
                  new X509Certificate[] {SelfSignedCertificates.acmeValidation(key, name, content)})
          .orElse(null);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return alias != null && alias.startsWith(PREFIX) ? key.getPrivate() : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }
}
