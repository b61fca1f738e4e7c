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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lego (the Debian package) against the standalone jar: dns-01 through its exec provider writing
 * into the challenge test server's management API, and tls-alpn-01 with lego's own responder.
 */
class LegoChallengesIT {
  @TempDir Path tmp;

  @BeforeEach
  void legoIsInstalled() {
    Lego.assumeInstalled();
  }

  @Test
  void legoObtainsAWildcardOverDns01ThroughTheChallengeTestServer() throws Exception {
    ExternalTool.assumeInstalled("curl", "curl");
    int dnsPort = Ports.free();
    int ctsManagement = Ports.free();
    try (StandaloneJar server =
        StandaloneJar.startEphemeral(StandaloneJar.challengeTestDns(dnsPort, ctsManagement))) {
      String management = "http://127.0.0.1:" + ctsManagement;
      // lego's exec provider calls: <script> present|cleanup <fqdn> <value>
      Path hook =
          ExternalTool.script(
              tmp.resolve("exec.sh"),
              "#!/bin/sh\n"
                  + "case \"$1\" in\n"
                  + "  present) curl -sf -d \"{\\\"host\\\":\\\"$2\\\",\\\"value\\\":\\\"$3\\\"}\" "
                  + management
                  + "/set-txt ;;\n"
                  + "  cleanup) curl -sf -d \"{\\\"host\\\":\\\"$2\\\"}\" "
                  + management
                  + "/clear-txt ;;\n"
                  + "esac\n");
      Lego lego = lego(server, "dev@lego-dns.test");

      ExternalTool.Result result =
          lego.run(
              Map.of(
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
      List<X509Certificate> chain = lego.chain("lego-dns.test");
      Chains.verify(chain, server.root());
      assertThat(Sans.of(chain.get(0)))
          .containsExactlyInAnyOrder("DNS:lego-dns.test", "DNS:*.lego-dns.test");
      assertThat(server.output()).contains("dns-01 for lego-dns.test", "-> valid");
    }
  }

  @Test
  void legoObtainsACertificateOverTlsAlpn01() throws Exception {
    int tlsPort = Ports.free();
    try (StandaloneJar server =
        StandaloneJar.startEphemeral("--tls-alpn01-port", Integer.toString(tlsPort))) {
      Lego lego = lego(server, "dev@lego-alpn.test");

      ExternalTool.Result result =
          lego.run("--tls", "--tls.port", "127.0.0.1:" + tlsPort, "-d", "lego-alpn.test", "run");

      assertThat(result.exitCode()).as(result.output() + "\n" + server.output()).isZero();
      List<X509Certificate> chain = lego.chain("lego-alpn.test");
      Chains.verify(chain, server.root());
      assertThat(Sans.of(chain.get(0))).containsExactly("DNS:lego-alpn.test");
      assertThat(server.output()).contains("tls-alpn-01 for lego-alpn.test", "-> valid");
    }
  }

  private Lego lego(StandaloneJar server, String email) {
    return new Lego(tmp.resolve("lego"), server.directory(), server.rootPem(), email);
  }
}
