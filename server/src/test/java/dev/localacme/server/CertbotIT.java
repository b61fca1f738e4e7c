package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.Certbot;
import dev.localacme.server.support.Chains;
import dev.localacme.server.support.ExternalTool;
import dev.localacme.server.support.Ports;
import dev.localacme.server.support.Sans;
import dev.localacme.server.support.StandaloneJar;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * certbot (the Debian package) gets a certificate from the standalone jar with http-01, and after a
 * restart on the same data directory renews it with the same account, trusting the same root.
 */
class CertbotIT {
  @TempDir Path tmp;

  @BeforeEach
  void certbotIsInstalled() {
    Certbot.assumeInstalled();
  }

  @Test
  void certbotObtainsThenRenewsWithTheSameAccountAfterARestart() throws Exception {
    int port = Ports.free();
    int http01 = Ports.free();
    Path data = tmp.resolve("data");
    String[] args = {
      "--data-dir",
      data.toString(),
      "--port",
      Integer.toString(port),
      "--management-port",
      "-1",
      "--http01-port",
      Integer.toString(http01)
    };

    String accountId;
    X509Certificate first;
    try (StandaloneJar server = StandaloneJar.start(args)) {
      Certbot certbot = certbot(server);
      ExternalTool.Result obtained =
          certbot.runStandalone(http01, "certonly", "-d", "app.test", "-d", "www.app.test");
      assertThat(obtained.exitCode()).as(obtained.output()).isZero();
      List<X509Certificate> chain = certbot.chain("app.test");
      first = chain.get(0);
      Chains.verify(chain, server.root());
      assertThat(Sans.of(first)).containsExactlyInAnyOrder("DNS:app.test", "DNS:www.app.test");
      accountId = match(server.stdout(), "account (\\S+) created");
    }

    try (StandaloneJar server = StandaloneJar.start(args)) {
      Certbot certbot = certbot(server);
      ExternalTool.Result renewed = certbot.runStandalone(http01, "renew", "--force-renewal");
      assertThat(renewed.exitCode()).as(renewed.output()).isZero();
      List<X509Certificate> chain = certbot.chain("app.test");
      assertThat(chain.get(0).getSerialNumber()).isNotEqualTo(first.getSerialNumber());
      Chains.verify(chain, server.root());
      assertThat(server.stdout())
          .doesNotContain(" created with ")
          .contains("placed by account " + accountId + " for ");
    }
  }

  private Certbot certbot(StandaloneJar server) {
    return new Certbot(tmp.resolve("certbot"), server.directory(), server.rootPem());
  }

  private static String match(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("%s in:%n%s", regex, text).isTrue();
    return matcher.group(1);
  }
}
