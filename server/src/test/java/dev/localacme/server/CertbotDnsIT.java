package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.support.Chains;
import dev.localacme.server.support.ExternalTool;
import dev.localacme.server.support.Sans;
import dev.localacme.server.support.StandaloneJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    ExternalTool.assumeInstalled("certbot", "certbot");
    ExternalTool.assumeInstalled("curl", "curl");
    int ctsManagement = StandaloneJar.freePort();
    try (StandaloneJar server =
        StandaloneJar.start(
            tmp,
            "--challtestsrv-dns",
            "127.0.0.1:0",
            "--challtestsrv-http01",
            "",
            "--challtestsrv-https01",
            "",
            "--challtestsrv-tlsalpn01",
            "",
            "--challtestsrv-management",
            "127.0.0.1:" + ctsManagement)) {
      X509Certificate root = server.root(0);
      Path rootPem = Files.writeString(tmp.resolve("root.pem"), Pem.certificate(root));
      String management = "http://127.0.0.1:" + ctsManagement;
      Path auth =
          script(
              "auth.sh",
              "#!/bin/sh\n"
                  + "curl -sf -d \"{\\\"host\\\":\\\"_acme-challenge.$CERTBOT_DOMAIN\\\","
                  + "\\\"value\\\":\\\"$CERTBOT_VALIDATION\\\"}\" "
                  + management
                  + "/set-txt\n");
      Path cleanup =
          script(
              "cleanup.sh",
              "#!/bin/sh\n"
                  + "curl -sf -d \"{\\\"host\\\":\\\"_acme-challenge.$CERTBOT_DOMAIN\\\"}\" "
                  + management
                  + "/clear-txt\n");

      ExternalTool.Result result =
          ExternalTool.run(
              Map.of("REQUESTS_CA_BUNDLE", rootPem.toString()),
              Duration.ofMinutes(3),
              List.of(
                  "certbot",
                  "certonly",
                  "--non-interactive",
                  "--agree-tos",
                  "--email",
                  "dev@certbot-dns.test",
                  "--no-eff-email",
                  "--server",
                  server.directory().toString(),
                  "--config-dir",
                  tmp.resolve("config").toString(),
                  "--work-dir",
                  tmp.resolve("work").toString(),
                  "--logs-dir",
                  tmp.resolve("logs").toString(),
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
                  "*.certbot-dns.test"));

      assertThat(result.exitCode()).as(result.output() + "\n" + server.output()).isZero();
      List<X509Certificate> chain =
          Pem.parseCertificates(
              Files.readString(tmp.resolve("config/live/certbot-dns/fullchain.pem")));
      Chains.verify(chain, root);
      assertThat(Sans.of(chain.get(0)))
          .containsExactlyInAnyOrder("DNS:certbot-dns.test", "DNS:*.certbot-dns.test");
      assertThat(server.output()).contains("dns-01 for certbot-dns.test", "-> valid");
    }
  }

  private Path script(String name, String text) throws Exception {
    Path script = Files.writeString(tmp.resolve(name), text);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
