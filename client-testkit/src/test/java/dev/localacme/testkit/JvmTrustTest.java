package dev.localacme.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.AcmeServer;
import dev.localacme.testkit.support.Sample;
import dev.localacme.testkit.support.Samples;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/** The opt-in JVM-wide trust: there while the class runs, gone afterwards. */
@Isolated("changes the JVM's default TLS trust")
class JvmTrustTest {
  static final List<Object> seen = new CopyOnWriteArrayList<>();

  @Test
  void trustsTheRootJvmWideOnlyWhileTheClassRuns() throws Exception {
    SSLContext before = SSLContext.getDefault();
    SSLSocketFactory factoryBefore = HttpsURLConnection.getDefaultSSLSocketFactory();

    Samples.run(TrustingJvmWide.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertThat(seen).containsExactly(200, 200);
    assertThat(SSLContext.getDefault()).isSameAs(before);
    assertThat(HttpsURLConnection.getDefaultSSLSocketFactory()).isSameAs(factoryBefore);
  }

  @Sample
  @ExtendWith(LocalAcme.class)
  @LocalAcmeSettings(jvmTrust = true)
  static class TrustingJvmWide {
    @Test
    void reachesTheServerWithTheJvmDefaults(AcmeServer server) throws Exception {
      HttpsURLConnection connection =
          (HttpsURLConnection) server.directoryUri().toURL().openConnection();
      seen.add(connection.getResponseCode());
      connection.disconnect();
      seen.add(
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(server.directoryUri()).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode());
    }
  }
}
