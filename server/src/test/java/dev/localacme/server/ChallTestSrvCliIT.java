package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.Dig;
import dev.localacme.server.support.Management;
import dev.localacme.server.support.Ports;
import dev.localacme.server.support.StandaloneJar;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Type;

/** The jar's command line for the challenge test server: the subcommand and the main switches. */
class ChallTestSrvCliIT {
  @ParameterizedTest
  @ValueSource(strings = {"-dnsserver", "-dns01", "--dnsserver", "--dns01"})
  void theSubcommandTakesEverySpellingOfTheDnsFlag(String flag) throws Exception {
    int dns = Ports.free();
    int management = Ports.free();
    try (StandaloneJar jar =
        StandaloneJar.startChallTestSrv(
            flag,
            "127.0.0.1:" + dns,
            "-management=127.0.0.1:" + management,
            "-http01=",
            "-https01",
            "",
            "-tlsalpn01",
            "",
            "-defaultIPv4",
            "10.0.0.9")) {
      assertThat(Dig.udp(dns).answers("any.test", Type.A)).containsExactly("any.test. A 10.0.0.9");
      Management api = new Management(URI.create("http://127.0.0.1:" + management));
      assertThat(api.post("/add-http01", "{\"token\":\"t\",\"content\":\"c\"}").statusCode())
          .isEqualTo(404);
      assertThat(jar.output()).contains("http-01:        off", "tls-alpn-01:    off");
    }
  }

  @Test
  void theMainCommandRunsItWithListenersMovedOrTurnedOff() throws Exception {
    int http01 = Ports.free();
    int dns = Ports.free();
    int management = Ports.free();
    // A system under test may serve http-01 itself on the port the responder would take.
    try (ServerSocket sut = new ServerSocket(http01);
        StandaloneJar jar =
            StandaloneJar.startEphemeral(
                "--http01-port",
                Integer.toString(http01),
                "--challtestsrv",
                "--challtestsrv-dnsserver",
                "127.0.0.1:" + dns,
                "--challtestsrv-http01",
                "",
                "--challtestsrv-https01",
                "",
                "--challtestsrv-tlsalpn01",
                "127.0.0.1:0",
                "--challtestsrv-management",
                "127.0.0.1:" + management,
                "--challtestsrv-default-ipv6",
                "")) {
      assertThat(Dig.udp(dns).answers("name.test", Type.AAAA)).isEmpty();
      Management api = new Management(URI.create("http://127.0.0.1:" + management));
      assertThat(api.post("/set-txt", "{\"host\":\"a.test\",\"value\":\"v\"}").statusCode())
          .isEqualTo(200);
      // The challenge test server's lines follow the banner, one println each: wait for the
      // last one asserted, not the header, so the check does not race the output pump.
      jar.awaitOutput("http-01:        off");
      assertThat(jar.output())
          .contains(
              "Challenge test server (pebble-challtestsrv compatible)", "http-01:        off");
    }
  }
}
