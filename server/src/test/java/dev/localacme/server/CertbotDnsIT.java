package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.Chains;
import dev.localacme.server.support.Jar;
import dev.localacme.server.support.Jar.Commands;
import dev.localacme.server.support.Sans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
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
    Commands.assumeInstalled("certbot", "certbot");
    Commands.assumeInstalled("curl", "curl");
    int managementPort = Jar.freePort();
    int ctsManagement = Jar.freePort();
    try (Jar jar =
        Jar.start(
            "--port",
            "0",
            "--management-port",
            Integer.toString(managementPort),
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
      X509Certificate root = Jar.root(managementPort);
      Path rootPem = Files.writeString(tmp.resolve("root.pem"), Jar.pem(root));
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

      Commands.Result result =
          Commands.run(
              Map.of("REQUESTS_CA_BUNDLE", rootPem.toString()),
              List.of(
                  "certbot",
                  "certonly",
                  "--non-interactive",
                  "--agree-tos",
                  "--email",
                  "dev@certbot-dns.test",
                  "--no-eff-email",
                  "--server",
                  directory(jar),
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

      assertThat(result.exitCode()).as(result.output() + "\n" + jar.output()).isZero();
      List<X509Certificate> chain =
          Jar.certificates(tmp.resolve("config/live/certbot-dns/fullchain.pem"));
      Chains.verify(chain, root);
      assertThat(Sans.of(chain.get(0)))
          .containsExactlyInAnyOrder("DNS:certbot-dns.test", "DNS:*.certbot-dns.test");
      assertThat(jar.output()).contains("dns-01 for certbot-dns.test", "-> valid");
    }
  }

  private static String directory(Jar jar) {
    for (String line : jar.output().split("\n")) {
      if (line.contains("ACME directory:")) {
        return line.substring(line.indexOf("https://")).trim();
      }
    }
    throw new IllegalStateException("no directory URL in:\n" + jar.output());
  }

  private Path script(String name, String text) throws Exception {
    Path script = Files.writeString(tmp.resolve(name), text);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
