package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.support.Chains;
import dev.localacme.server.support.ExternalTool;
import dev.localacme.server.support.Standalone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lego (the Debian package, a Go client) gets a certificate from the standalone jar with http-01.
 */
class LegoIT {
  @TempDir Path tmp;

  @Test
  void legoObtainsACertificateOverHttp01() throws Exception {
    ExternalTool.assumeInstalled("lego", "lego");
    int http01 = Standalone.freePort();
    try (Standalone server =
        Standalone.start(
            "--data-dir",
            tmp.resolve("data").toString(),
            "--port",
            "0",
            "--management-port",
            "-1",
            "--http01-port",
            Integer.toString(http01))) {
      ExternalTool.Result result =
          ExternalTool.run(
              Map.of("LEGO_CA_CERTIFICATES", server.rootPem().toString()),
              Duration.ofMinutes(3),
              List.of(
                  "lego",
                  "--server",
                  server.directory().toString(),
                  "--accept-tos",
                  "--email",
                  "dev@app.test",
                  "--path",
                  tmp.resolve("lego").toString(),
                  "--http",
                  "--http.port",
                  "127.0.0.1:" + http01,
                  "-d",
                  "lego.app.test",
                  "run"));

      assertThat(result.exitCode()).as(result.output()).isZero();
      List<X509Certificate> chain =
          Pem.parseCertificates(
              Files.readString(tmp.resolve("lego/certificates/lego.app.test.crt")));
      Chains.verify(chain, server.root());
      assertThat(chain.get(0).getSubjectAlternativeNames().stream().map(n -> (String) n.get(1)))
          .containsExactly("lego.app.test");
      assertThat(server.stdout()).contains("certificate ").contains(" issued for lego.app.test");
    }
  }
}
