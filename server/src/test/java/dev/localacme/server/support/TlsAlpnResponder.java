package dev.localacme.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real tls-alpn-01 responder on a loopback port, standing in for a system under test (RFC 8737):
 * it presents the certificate registered for the ClientHello's SNI and selects {@code acme-tls/1}
 * (unless told not to), and records what each ClientHello offered.
 */
public final class TlsAlpnResponder implements AutoCloseable {
  public static final String ACME_TLS_1 = "acme-tls/1";

  /** What one ClientHello offered. */
  public record Hello(String serverName, List<String> protocols) {}

  private record Identity(KeyPair key, X509Certificate certificate) {}

  private final Map<String, Identity> identities = new ConcurrentHashMap<>();
  private final List<Hello> hellos = new CopyOnWriteArrayList<>();
  private final SSLServerSocket server;
  private volatile boolean selectAlpn = true;

  private TlsAlpnResponder(SSLServerSocket server) {
    this.server = server;
  }

  public static TlsAlpnResponder start() {
    return start(InetAddress.getLoopbackAddress());
  }

  public static TlsAlpnResponder start(InetAddress address) {
    try {
      TlsAlpnResponder[] holder = new TlsAlpnResponder[1];
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new BySni(holder)}, null, null);
      SSLServerSocket server =
          (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
      server.bind(new InetSocketAddress(address, 0), 50);
      TlsAlpnResponder responder = new TlsAlpnResponder(server);
      holder[0] = responder;
      Thread thread = new Thread(responder::accept, "tls-alpn-responder");
      thread.setDaemon(true);
      thread.start();
      return responder;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Presents {@code certificate} to handshakes with this SNI. */
  public void serve(String serverName, KeyPair key, X509Certificate certificate) {
    identities.put(serverName, new Identity(key, certificate));
  }

  /** Whether to select acme-tls/1; off, the server negotiates no ALPN protocol at all. */
  public void selectAlpn(boolean select) {
    this.selectAlpn = select;
  }

  public List<Hello> hellos() {
    return List.copyOf(hellos);
  }

  /** A validation certificate built with Bouncy Castle's builder (RFC 8737 section 3). */
  public static X509Certificate validationCertificate(
      KeyPair key, GeneralName san, String keyAuthorization, boolean critical) throws Exception {
    return certificate(key, new GeneralNames(san), sha256(keyAuthorization), critical);
  }

  public static byte[] sha256(String keyAuthorization) throws Exception {
    return MessageDigest.getInstance("SHA-256")
        .digest(keyAuthorization.getBytes(StandardCharsets.UTF_8));
  }

  /** A certificate with these SANs and, if {@code digest} is not null, an acmeIdentifier. */
  public static X509Certificate certificate(
      KeyPair key, GeneralNames sans, byte[] digest, boolean critical) throws Exception {
    X500Name subject = new X500Name("CN=tls-alpn-01 test");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(Duration.ofDays(1))),
            subject,
            key.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false, sans);
    if (digest != null) {
      builder.addExtension(
          new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.31"), critical, new DEROctetString(digest));
    }
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        SSLSocket socket = (SSLSocket) server.accept();
        Thread handshake = new Thread(() -> handshake(socket), "tls-alpn-handshake");
        handshake.setDaemon(true);
        handshake.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handshake(SSLSocket socket) {
    try (socket) {
      socket.setSoTimeout(5000);
      socket.setHandshakeApplicationProtocolSelector(
          (s, offered) -> {
            hellos.add(new Hello(serverName(s.getHandshakeSession()), List.copyOf(offered)));
            return selectAlpn && offered.contains(ACME_TLS_1) ? ACME_TLS_1 : "";
          });
      socket.startHandshake();
    } catch (IOException e) {
      // the validator hangs up right after the handshake, or the test wanted a failure
    }
  }

  private static String serverName(javax.net.ssl.SSLSession session) {
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
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Picks the identity registered for the handshake's SNI. */
  private static final class BySni extends X509ExtendedKeyManager {
    private final TlsAlpnResponder[] responder;

    BySni(TlsAlpnResponder[] responder) {
      this.responder = responder;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      String name = serverName(((SSLSocket) socket).getHandshakeSession());
      Identity identity = responder[0].identities.get(name);
      return identity != null && identity.key().getPublic().getAlgorithm().equals(keyType)
          ? name
          : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      Identity identity = responder[0].identities.get(alias);
      return identity == null ? null : new X509Certificate[] {identity.certificate()};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      Identity identity = responder[0].identities.get(alias);
      return identity == null ? null : identity.key().getPrivate();
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
