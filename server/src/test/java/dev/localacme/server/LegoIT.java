package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.Chains;
import dev.localacme.server.support.ExternalTool;
import dev.localacme.server.support.Lego;
import dev.localacme.server.support.Ports;
import dev.localacme.server.support.Sans;
import dev.localacme.server.support.StandaloneJar;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lego (the Debian package, a Go client) gets a certificate from the standalone jar with http-01.
 */
class LegoIT {
  @TempDir Path tmp;

  @Test
  void legoObtainsACertificateOverHttp01() throws Exception {
    Lego.assumeInstalled();
    int http01 = Ports.free();
    try (StandaloneJar server =
        StandaloneJar.start(
            "--data-dir",
            tmp.resolve("data").toString(),
            "--port",
            "0",
            "--management-port",
            "-1",
            "--http01-port",
            Integer.toString(http01))) {
      Lego lego =
          new Lego(tmp.resolve("lego"), server.directory(), server.rootPem(), "dev@app.test");

      ExternalTool.Result result =
          lego.run("--http", "--http.port", "127.0.0.1:" + http01, "-d", "lego.app.test", "run");

      assertThat(result.exitCode()).as(result.output()).isZero();
      List<X509Certificate> chain = lego.chain("lego.app.test");
      Chains.verify(chain, server.root());
      assertThat(Sans.of(chain.get(0))).containsExactly("DNS:lego.app.test");
      assertThat(server.stdout()).contains("certificate ").contains(" issued for lego.app.test");
    }
  }
}
