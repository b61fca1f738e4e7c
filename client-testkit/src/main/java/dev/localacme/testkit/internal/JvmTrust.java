package dev.localacme.testkit.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JVM's default TLS trust widened by LocalAcme's roots, for a test that asked for it; closing
 * puts the previous defaults back. Clients built while it is installed keep it.
 */
final class JvmTrust implements AutoCloseable {
  private final SSLContext previousContext;
  private final SSLSocketFactory previousFactory;

  private JvmTrust(SSLContext previousContext, SSLSocketFactory previousFactory) {
    this.previousContext = previousContext;
    this.previousFactory = previousFactory;
  }

  static JvmTrust install(KeyStore localAcmeRoots) {
    try {
      JvmTrust saved =
          new JvmTrust(SSLContext.getDefault(), HttpsURLConnection.getDefaultSSLSocketFactory());
      SSLContext widened = SSLContext.getInstance("TLS");
      widened.init(null, trustManagers(withJdkAnchors(localAcmeRoots)), null);
      SSLContext.setDefault(widened);
      HttpsURLConnection.setDefaultSSLSocketFactory(widened.getSocketFactory());
      return saved;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot install LocalAcme's root as JVM-wide trust", e);
    }
  }

  @Override
  public void close() {
    SSLContext.setDefault(previousContext);
    HttpsURLConnection.setDefaultSSLSocketFactory(previousFactory);
  }

  private static KeyStore withJdkAnchors(KeyStore roots)
      throws GeneralSecurityException, IOException {
    KeyStore all = KeyStore.getInstance("PKCS12");
    all.load(null, null);
    for (String alias : Collections.list(roots.aliases())) {
      all.setCertificateEntry(alias, roots.getCertificate(alias));
    }
    int i = 0;
    for (TrustManager manager : trustManagers(null)) {
      if (manager instanceof X509TrustManager x509) {
        for (X509Certificate anchor : x509.getAcceptedIssuers()) {
          all.setCertificateEntry("jdk-" + i++, anchor);
        }
      }
    }
    return all;
  }

  private static TrustManager[] trustManagers(KeyStore anchors) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(anchors);
    return factory.getTrustManagers();
  }
}
