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
 * lego (the Debian package) against the standalone jar: dns-01 through its exec provider writing
 * into the challenge test server's management API, and tls-alpn-01 with lego's own responder.
 */
class LegoChallengesIT {
  @TempDir Path tmp;

  @Test
  void legoObtainsAWildcardOverDns01ThroughTheChallengeTestServer() throws Exception {
    ExternalTool.assumeInstalled("lego", "lego");
    ExternalTool.assumeInstalled("curl", "curl");
    int dnsPort = StandaloneJar.freePort();
    int ctsManagement = StandaloneJar.freePort();
    try (StandaloneJar server =
        StandaloneJar.start(
            tmp,
            "--challtestsrv-dns",
            "127.0.0.1:" + dnsPort,
            "--challtestsrv-http01",
            "",
            "--challtestsrv-https01",
            "",
            "--challtestsrv-tlsalpn01",
            "",
            "--challtestsrv-management",
            "127.0.0.1:" + ctsManagement)) {
      X509Certificate root = server.root(0);
      String management = "http://127.0.0.1:" + ctsManagement;
      // lego's exec provider calls: <script> present|cleanup <fqdn> <value>
      Path hook =
          script(
              "exec.sh",
              "#!/bin/sh\n"
                  + "case \"$1\" in\n"
                  + "  present) curl -sf -d \"{\\\"host\\\":\\\"$2\\\",\\\"value\\\":\\\"$3\\\"}\" "
                  + management
                  + "/set-txt ;;\n"
                  + "  cleanup) curl -sf -d \"{\\\"host\\\":\\\"$2\\\"}\" "
                  + management
                  + "/clear-txt ;;\n"
                  + "esac\n");

      ExternalTool.Result result =
          ExternalTool.run(
              Map.of(
                  "LEGO_CA_CERTIFICATES",
                  trust(root).toString(),
                  "EXEC_PATH",
                  hook.toString(),
                  "EXEC_PROPAGATION_TIMEOUT",
                  "30",
                  "EXEC_POLLING_INTERVAL",
                  "1",
                  // The wildcard and its base name share a record name, so lego solves them one
                  // after the other, 60 s apart unless told otherwise.
                  "EXEC_SEQUENCE_INTERVAL",
                  "1"),
              Duration.ofMinutes(3),
              List.of(
                  "lego",
                  "--server",
                  server.directory().toString(),
                  "--accept-tos",
                  "--email",
                  "dev@lego-dns.test",
                  "--path",
                  tmp.resolve("lego").toString(),
                  "--dns",
                  "exec",
                  "--dns.resolvers",
                  "127.0.0.1:" + dnsPort,
                  "--dns.disable-cp",
                  "-d",
                  "lego-dns.test",
                  "-d",
                  "*.lego-dns.test",
                  "run"));

      assertThat(result.exitCode()).as(result.output() + "\n" + server.output()).isZero();
      List<X509Certificate> chain = certificates("lego/certificates/lego-dns.test.crt");
      Chains.verify(chain, root);
      assertThat(Sans.of(chain.get(0)))
          .containsExactlyInAnyOrder("DNS:lego-dns.test", "DNS:*.lego-dns.test");
      assertThat(server.output()).contains("dns-01 for lego-dns.test", "-> valid");
    }
  }

  @Test
  void legoObtainsACertificateOverTlsAlpn01() throws Exception {
    ExternalTool.assumeInstalled("lego", "lego");
    int tlsPort = StandaloneJar.freePort();
    try (StandaloneJar server =
        StandaloneJar.start(tmp, "--tls-alpn01-port", Integer.toString(tlsPort))) {
      X509Certificate root = server.root(0);

      ExternalTool.Result result =
          ExternalTool.run(
              Map.of("LEGO_CA_CERTIFICATES", trust(root).toString()),
              Duration.ofMinutes(3),
              List.of(
                  "lego",
                  "--server",
                  server.directory().toString(),
                  "--accept-tos",
                  "--email",
                  "dev@lego-alpn.test",
                  "--path",
                  tmp.resolve("lego").toString(),
                  "--tls",
                  "--tls.port",
                  "127.0.0.1:" + tlsPort,
                  "-d",
                  "lego-alpn.test",
                  "run"));

      assertThat(result.exitCode()).as(result.output() + "\n" + server.output()).isZero();
      List<X509Certificate> chain = certificates("lego/certificates/lego-alpn.test.crt");
      Chains.verify(chain, root);
      assertThat(Sans.of(chain.get(0))).containsExactly("DNS:lego-alpn.test");
      assertThat(server.output()).contains("tls-alpn-01 for lego-alpn.test", "-> valid");
    }
  }

  private Path trust(X509Certificate root) throws Exception {
    return Files.writeString(tmp.resolve("root.pem"), Pem.certificate(root));
  }

  private List<X509Certificate> certificates(String path) throws Exception {
    return Pem.parseCertificates(Files.readString(tmp.resolve(path)));
  }

  private Path script(String name, String text) throws Exception {
    Path script = Files.writeString(tmp.resolve(name), text);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
