package dev.localacme.testkit.containers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** A LocalAcme container's root, fetched from its management API, and trust made from it. */
record RootCertificate(String pem, X509Certificate certificate) {

  /**
   * Fetches the root from {@code rootUri}, then checks that it vouches for the ACME API at {@code
   * directory}. The first request cannot verify the server, since the root is what it fetches; the
   * second, trusting that root alone and checking the host name, proves it is the right one.
   */
  static RootCertificate fetch(URI rootUri, URI directory) {
    String pem = get(rootUri, firstUse());
    RootCertificate root = new RootCertificate(pem, parse(pem, rootUri));
    try {
      get(directory, root.sslContext());
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "the root from " + rootUri + " does not vouch for the ACME API at " + directory, e);
    }
    return root;
  }

  KeyStore trustStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("localacme-root", certificate);
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  SSLContext sslContext() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String get(URI uri, SSLContext tls) {
    HttpClient client =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("User-Agent", "LocalAcme-testkit")
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      HttpResponse<String> response =
          client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
      if (response.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + uri, e);
    }
  }

  private static X509Certificate parse(String pem, URI source) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(source + " served no certificate: " + e.getMessage(), e);
    }
  }

  /** TLS for the one request that fetches the root: it accepts any server, see {@link #fetch}. */
  static SSLContext firstUse() {
    TrustManager acceptAny =
        new X509ExtendedTrustManager() {
          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) {}

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {acceptAny}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
