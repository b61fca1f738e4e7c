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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * certbot (the Debian package) against the standalone jar with dns-01 through its manual hooks,
 * which publish the record in the challenge test server's DNS through its management API.
 */
class CertbotDnsIT {
  @TempDir Path tmp;

  @Test
  void certbotObtainsAWildcardOverDns01WithManualHooks() throws Exception {
    Certbot.assumeInstalled();
    ExternalTool.assumeInstalled("curl", "curl");
    int ctsManagement = Ports.free();
    try (StandaloneJar server =
        StandaloneJar.startEphemeral(StandaloneJar.challengeTestDns(0, ctsManagement))) {
      String management = "http://127.0.0.1:" + ctsManagement;
      Path auth =
          ExternalTool.script(
              tmp.resolve("auth.sh"),
              "#!/bin/sh\n"
                  + "curl -sf -d \"{\\\"host\\\":\\\"_acme-challenge.$CERTBOT_DOMAIN\\\","
                  + "\\\"value\\\":\\\"$CERTBOT_VALIDATION\\\"}\" "
                  + management
                  + "/set-txt\n");
      Path cleanup =
          ExternalTool.script(
              tmp.resolve("cleanup.sh"),
              "#!/bin/sh\n"
                  + "curl -sf -d \"{\\\"host\\\":\\\"_acme-challenge.$CERTBOT_DOMAIN\\\"}\" "
                  + management
                  + "/clear-txt\n");
      Certbot certbot = new Certbot(tmp.resolve("certbot"), server.directory(), server.rootPem());

      ExternalTool.Result result =
          certbot.run(
              "certonly",
              "--email",
              "dev@certbot-dns.test",
              "--no-eff-email",
              "--manual",
              "--preferred-challenges",
              "dns",
              "--manual-auth-hook",
              auth.toString(),
              "--manual-cleanup-hook",
              cleanup.toString(),
              "--cert-name",
              "certbot-dns",
              "-d",
              "certbot-dns.test",
              "-d",
              "*.certbot-dns.test");

      assertThat(result.exitCode()).as(result.output() + "\n" + server.output()).isZero();
      List<X509Certificate> chain = certbot.chain("certbot-dns");
      Chains.verify(chain, server.root());
      assertThat(Sans.of(chain.get(0)))
          .containsExactlyInAnyOrder("DNS:certbot-dns.test", "DNS:*.certbot-dns.test");
      assertThat(server.output()).contains("dns-01 for certbot-dns.test", "-> valid");
    }
  }
}
