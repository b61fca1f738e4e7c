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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    ExternalTool.assumeInstalled("certbot", "certbot");
  }

  @Test
  void certbotObtainsThenRenewsWithTheSameAccountAfterARestart() throws Exception {
    int port = Standalone.freePort();
    int http01 = Standalone.freePort();
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
    try (Standalone server = Standalone.start(args)) {
      ExternalTool.Result obtained =
          certbot(server, http01, "certonly", "-d", "app.test", "-d", "www.app.test");
      assertThat(obtained.exitCode()).as(obtained.output()).isZero();
      first = leaf();
      Chains.verify(chain(), server.root());
      assertThat(names(first)).containsExactlyInAnyOrder("app.test", "www.app.test");
      accountId = match(server.stdout(), "account (\\S+) created");
    }

    try (Standalone server = Standalone.start(args)) {
      ExternalTool.Result renewed = certbot(server, http01, "renew", "--force-renewal");
      assertThat(renewed.exitCode()).as(renewed.output()).isZero();
      X509Certificate second = leaf();
      assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
      Chains.verify(chain(), server.root());
      assertThat(server.stdout())
          .doesNotContain(" created with ")
          .contains("placed by account " + accountId + " for ");
    }
  }

  private ExternalTool.Result certbot(Standalone server, int http01, String... command)
      throws Exception {
    List<String> line = new ArrayList<>(List.of("certbot"));
    line.addAll(List.of(command));
    line.addAll(
        List.of(
            "--server",
            server.directory().toString(),
            "--standalone",
            "--http-01-port",
            Integer.toString(http01),
            "--http-01-address",
            "127.0.0.1",
            "--config-dir",
            tmp.resolve("certbot/config").toString(),
            "--work-dir",
            tmp.resolve("certbot/work").toString(),
            "--logs-dir",
            tmp.resolve("certbot/logs").toString(),
            "--agree-tos",
            "--register-unsafely-without-email",
            "--non-interactive",
            "--no-random-sleep-on-renew"));
    return ExternalTool.run(
        Map.of("REQUESTS_CA_BUNDLE", server.rootPem().toString()), Duration.ofMinutes(3), line);
  }

  private X509Certificate leaf() throws Exception {
    return Pem.parseCertificates(
            Files.readString(tmp.resolve("certbot/config/live/app.test/cert.pem")))
        .get(0);
  }

  private List<X509Certificate> chain() throws Exception {
    return Pem.parseCertificates(
        Files.readString(tmp.resolve("certbot/config/live/app.test/fullchain.pem")));
  }

  private static List<String> names(X509Certificate certificate) throws Exception {
    return certificate.getSubjectAlternativeNames().stream().map(n -> (String) n.get(1)).toList();
  }

  private static String match(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("%s in:%n%s", regex, text).isTrue();
    return matcher.group(1);
  }
}
