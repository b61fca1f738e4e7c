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
 * lego (the Debian package) against the standalone jar: dns-01 through its exec provider writing
 * into the challenge test server's management API, and tls-alpn-01 with lego's own responder.
 */
class LegoChallengesIT {
  @TempDir Path tmp;

  @Test
  void legoObtainsAWildcardOverDns01ThroughTheChallengeTestServer() throws Exception {
    Commands.assumeInstalled("lego", "lego");
    Commands.assumeInstalled("curl", "curl");
    int managementPort = Jar.freePort();
    int dnsPort = Jar.freePort();
    int ctsManagement = Jar.freePort();
    try (Jar jar =
        Jar.start(
            "--port",
            "0",
            "--management-port",
            Integer.toString(managementPort),
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
      X509Certificate root = Jar.root(managementPort);
      Path rootPem = Files.writeString(tmp.resolve("root.pem"), Jar.pem(root));
      // lego's exec provider calls: <script> present|cleanup <fqdn> <value>
      Path hook =
          script(
              "exec.sh",
              "#!/bin/sh\n"
                  + "case \"$1\" in\n"
                  + "  present) curl -sf -d \"{\\\"host\\\":\\\"$2\\\",\\\"value\\\":\\\"$3\\\"}\""
                  + " http://127.0.0.1:"
                  + ctsManagement
                  + "/set-txt ;;\n"
                  + "  cleanup) curl -sf -d \"{\\\"host\\\":\\\"$2\\\"}\" http://127.0.0.1:"
                  + ctsManagement
                  + "/clear-txt ;;\n"
                  + "esac\n");

      Commands.Result result =
          Commands.run(
              Map.of(
                  "LEGO_CA_CERTIFICATES",
                  rootPem.toString(),
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
              List.of(
                  "lego",
                  "--server",
                  directory(jar),
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

      assertThat(result.exitCode()).as(result.output() + "\n" + jar.output()).isZero();
      List<X509Certificate> chain =
          Jar.certificates(tmp.resolve("lego/certificates/lego-dns.test.crt"));
      Chains.verify(chain, root);
      assertThat(Sans.of(chain.get(0)))
          .containsExactlyInAnyOrder("DNS:lego-dns.test", "DNS:*.lego-dns.test");
      assertThat(jar.output()).contains("dns-01 for lego-dns.test", "-> valid");
    }
  }

  @Test
  void legoObtainsACertificateOverTlsAlpn01() throws Exception {
    Commands.assumeInstalled("lego", "lego");
    int managementPort = Jar.freePort();
    int tlsPort = Jar.freePort();
    try (Jar jar =
        Jar.start(
            "--port",
            "0",
            "--management-port",
            Integer.toString(managementPort),
            "--tls-alpn01-port",
            Integer.toString(tlsPort))) {
      X509Certificate root = Jar.root(managementPort);
      Path rootPem = Files.writeString(tmp.resolve("root.pem"), Jar.pem(root));

      Commands.Result result =
          Commands.run(
              Map.of("LEGO_CA_CERTIFICATES", rootPem.toString()),
              List.of(
                  "lego",
                  "--server",
                  directory(jar),
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

      assertThat(result.exitCode()).as(result.output() + "\n" + jar.output()).isZero();
      List<X509Certificate> chain =
          Jar.certificates(tmp.resolve("lego/certificates/lego-alpn.test.crt"));
      Chains.verify(chain, root);
      assertThat(Sans.of(chain.get(0))).containsExactly("DNS:lego-alpn.test");
      assertThat(jar.output()).contains("tls-alpn-01 for lego-alpn.test", "-> valid");
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
