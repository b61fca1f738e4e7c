package dev.localacme.testkit.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Connects to a TLS endpoint as a client that trusts only LocalAcme's roots would, checking the
 * chain and the host name, and returns the chain it was served. When that fails, the assertion
 * error says what was reached, what was served and why it was refused.
 */
public final class TlsProbe {
  private TlsProbe() {}

  /**
   * @param name the name the client asks for (SNI) and checks the certificate against
   * @param host where to connect, for example {@code 127.0.0.1}
   */
  public static List<X509Certificate> servedChain(
      KeyStore roots, String name, String host, int port, Duration timeout) {
    AtomicReference<X509Certificate[]> served = new AtomicReference<>();
    String where = name + " at " + host + ":" + port;
    try (Socket plain = new Socket()) {
      // Handshake messages are small writes; without this, delayed ACKs cost ~40 ms per round trip.
      plain.setTcpNoDelay(true);
      plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      plain.setSoTimeout((int) timeout.toMillis());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new X509ExtendedTrustManager[] {recording(roots, served)}, null);
      // Layering over a connected socket lets the name drive SNI and the host name check while
      // the bytes go to the address the test chose.
      try (SSLSocket tls =
          (SSLSocket) context.getSocketFactory().createSocket(plain, name, port, false)) {
        var parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return Arrays.stream(tls.getSession().getPeerCertificates())
            .map(X509Certificate.class::cast)
            .toList();
      }
    } catch (SSLException e) {
      throw new AssertionError(refusal(where, served.get(), roots, e), e);
    } catch (IOException e) {
      throw new AssertionError("cannot reach " + where + " for a TLS handshake: " + e, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot set up a TLS client", e);
    }
  }

  private static String refusal(
      String where, X509Certificate[] chain, KeyStore roots, SSLException e) {
    StringBuilder message =
        new StringBuilder("the TLS handshake with ")
            .append(where)
            .append(" did not verify against LocalAcme's root ")
            .append(describeRoots(roots))
            .append(": ")
            .append(String.valueOf(e.getMessage()).replaceFirst("\\.$", ""));
    if (chain == null || chain.length == 0) {
      return message.append(". No certificate was served.").toString();
    }
    X509Certificate leaf = chain[0];
    return message
        .append(". Served: ")
        .append(leaf.getSubjectX500Principal().getName())
        .append(" for ")
        .append(names(leaf))
        .append(", issued by ")
        .append(leaf.getIssuerX500Principal().getName())
        .append(", valid ")
        .append(leaf.getNotBefore().toInstant())
        .append(" to ")
        .append(leaf.getNotAfter().toInstant())
        .append(", serial ")
        .append(leaf.getSerialNumber().toString(16))
        .append(", chain of ")
        .append(chain.length)
        .toString();
  }

  /** The subject alternative names' values, for example {@code [app.test, 127.0.0.1]}. */
  static List<String> names(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      return names == null ? List.of() : names.stream().map(n -> String.valueOf(n.get(1))).toList();
    } catch (CertificateParsingException e) {
      return List.of("(unreadable: " + e.getMessage() + ")");
    }
  }

  private static String describeRoots(KeyStore roots) {
    try {
      return java.util.Collections.list(roots.aliases()).stream()
          .map(alias -> certificate(roots, alias).getSubjectX500Principal().getName())
          .toList()
          .toString();
    } catch (GeneralSecurityException e) {
      return "(unreadable)";
    }
  }

  private static X509Certificate certificate(KeyStore store, String alias) {
    try {
      return (X509Certificate) store.getCertificate(alias);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The PKIX trust manager for {@code roots}, noting the chain it was shown. */
  private static X509ExtendedTrustManager recording(
      KeyStore roots, AtomicReference<X509Certificate[]> served) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(roots);
    X509ExtendedTrustManager pkix =
        Arrays.stream(factory.getTrustManagers())
            .filter(X509ExtendedTrustManager.class::isInstance)
            .map(X509ExtendedTrustManager.class::cast)
            .findFirst()
            .orElseThrow();
    return new X509ExtendedTrustManager() {
      @Override
      public void checkServerTrusted(X509Certificate[] chain, String auth, Socket socket)
          throws CertificateException {
        served.set(chain);
        pkix.checkServerTrusted(chain, auth, socket);
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine engine)
          throws CertificateException {
        served.set(chain);
        pkix.checkServerTrusted(chain, auth, engine);
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String auth)
          throws CertificateException {
        served.set(chain);
        pkix.checkServerTrusted(chain, auth);
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String auth, Socket socket)
          throws CertificateException {
        pkix.checkClientTrusted(chain, auth, socket);
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine engine)
          throws CertificateException {
        pkix.checkClientTrusted(chain, auth, engine);
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String auth)
          throws CertificateException {
        pkix.checkClientTrusted(chain, auth);
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
      }
    };
  }
}
