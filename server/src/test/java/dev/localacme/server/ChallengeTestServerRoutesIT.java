package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localacme.server.support.Dig;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.Management;
import dev.localacme.server.support.RawHttp;
import dev.localacme.server.support.Sans;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Every management route of the challenge test server with its pebble-challtestsrv behaviour,
 * checked through the listeners it controls: the DNS server (UDP and TCP), the http-01 and HTTPS
 * responders and the tls-alpn-01 responder.
 */
class ChallengeTestServerRoutesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final InProcessAcme acme =
      InProcessAcme.with(b -> b.challengeTestServer(ChallengeTestServerConfig.ephemeralPorts()))
          .resetBeforeEach();

  private static ChallengeTestServer cts;
  private static Management management;
  private static Dig dig;

  @BeforeAll
  static void challengeTestServer() {
    cts = acme.server().challengeTestServer().orElseThrow();
    management = new Management(cts.managementUri());
    dig = Dig.udp(cts.dnsPort());
  }

  @Test
  void setTxtAppendsValuesAndClearTxtRemovesThem() throws Exception {
    management.ok("/set-txt", "{\"host\":\"_acme-challenge.txt.test.\",\"value\":\"one\"}");
    management.ok("/set-txt", "{\"host\":\"_acme-challenge.txt.test\",\"value\":\"two\"}");

    assertThat(dig.answers("_acme-challenge.txt.test", Type.TXT))
        .containsExactly("_acme-challenge.txt.test. TXT one", "_acme-challenge.txt.test. TXT two");

    management.ok("/clear-txt", "{\"host\":\"_acme-challenge.txt.test\"}");
    assertThat(dig.answers("_acme-challenge.txt.test", Type.TXT)).isEmpty();
  }

  @Test
  void aTxtValueOver255BytesBecomesSeveralStringsOfOneRecord() throws Exception {
    String value = "x".repeat(300);
    management.ok("/set-txt", "{\"host\":\"long.test\",\"value\":\"" + value + "\"}");

    List<org.xbill.DNS.Record> answer = dig.query("long.test", Type.TXT).getSection(Section.ANSWER);

    assertThat(answer).hasSize(1);
    assertThat(((TXTRecord) answer.get(0)).getStrings())
        .containsExactly("x".repeat(255), "x".repeat(45));
  }

  @Test
  void addAAppendsAndClearAFallsBackToTheDefault() throws Exception {
    assertThat(dig.answers("a.test", Type.A)).containsExactly("a.test. A 127.0.0.1");

    management.ok("/add-a", "{\"host\":\"a.test\",\"addresses\":[\"10.0.0.1\"]}");
    management.ok("/add-a", "{\"host\":\"a.test\",\"addresses\":[\"10.0.0.2\",\"10.0.0.3\"]}");
    assertThat(dig.answers("a.test", Type.A))
        .containsExactly("a.test. A 10.0.0.1", "a.test. A 10.0.0.2", "a.test. A 10.0.0.3");

    management.ok("/clear-a", "{\"host\":\"a.test\"}");
    assertThat(dig.answers("a.test", Type.A)).containsExactly("a.test. A 127.0.0.1");
  }

  @Test
  void setDefaultIpv4ChangesOrClearsTheDefaultAnswer() throws Exception {
    management.ok("/set-default-ipv4", "{\"ip\":\"10.9.8.7\"}");
    assertThat(dig.answers("any.test", Type.A)).containsExactly("any.test. A 10.9.8.7");

    management.ok("/set-default-ipv4", "{\"ip\":\"\"}");
    assertThat(dig.answers("any.test", Type.A)).isEmpty();
  }

  @Test
  void aaaaRecordsAndTheirDefault() throws Exception {
    assertThat(dig.answers("v6.test", Type.AAAA)).containsExactly("v6.test. AAAA 0:0:0:0:0:0:0:1");

    management.ok("/add-aaaa", "{\"host\":\"v6.test\",\"addresses\":[\"2001:db8::1\"]}");
    assertThat(dig.answers("v6.test", Type.AAAA))
        .containsExactly("v6.test. AAAA 2001:db8:0:0:0:0:0:1");

    management.ok("/clear-aaaa", "{\"host\":\"v6.test\"}");
    management.ok("/set-default-ipv6", "{\"ip\":\"\"}");
    assertThat(dig.answers("v6.test", Type.AAAA)).isEmpty();
  }

  @Test
  void addCaaAppendsPoliciesAndClearCaaRemovesThem() throws Exception {
    management.ok(
        "/add-caa",
        "{\"host\":\"caa.test\",\"policies\":[{\"tag\":\"issue\",\"value\":\"localacme\"},"
            + "{\"tag\":\"iodef\",\"value\":\"mailto:ca@caa.test\"},"
            + "{\"tag\":\"tbs\",\"value\":\"x\",\"flag\":128}]}");

    assertThat(dig.answers("caa.test", Type.CAA))
        .containsExactly(
            "caa.test. CAA 0 issue \"localacme\"",
            "caa.test. CAA 0 iodef \"mailto:ca@caa.test\"",
            "caa.test. CAA 128 tbs \"x\"");

    management.ok("/clear-caa", "{\"host\":\"caa.test\"}");
    assertThat(dig.answers("caa.test", Type.CAA)).isEmpty();
  }

  @Test
  void setCnameIsFollowedOneLevelAndClearCnameRemovesIt() throws Exception {
    management.ok("/set-cname", "{\"host\":\"alias.test\",\"target\":\"target.test\"}");
    management.ok("/add-a", "{\"host\":\"target.test\",\"addresses\":[\"10.1.1.1\"]}");

    assertThat(dig.answers("alias.test", Type.A))
        .containsExactly("alias.test. CNAME target.test.", "target.test. A 10.1.1.1");
    assertThat(dig.answers("alias.test", Type.CNAME)).startsWith("alias.test. CNAME target.test.");

    management.ok("/clear-cname", "{\"host\":\"alias.test\"}");
    assertThat(dig.answers("alias.test", Type.A)).containsExactly("alias.test. A 127.0.0.1");
  }

  @Test
  void setServfailAnswersEveryQueryWithServfailUntilCleared() throws Exception {
    management.ok("/set-txt", "{\"host\":\"sf.test\",\"value\":\"v\"}");
    management.ok("/set-servfail", "{\"host\":\"sf.test\"}");

    assertThat(dig.query("sf.test", Type.TXT).getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(dig.query("sf.test", Type.A).getRcode()).isEqualTo(Rcode.SERVFAIL);

    management.ok("/clear-servfail", "{\"host\":\"sf.test\"}");
    assertThat(dig.answers("sf.test", Type.TXT)).containsExactly("sf.test. TXT v");
  }

  @Test
  void dnsAnswersCarryTheDummySoaAndOtherTypesAreNotImplemented() throws Exception {
    Message answer = dig.query("soa.test", Type.A);
    assertThat(Dig.text(answer.getSection(Section.AUTHORITY)))
        .singleElement()
        .asString()
        .startsWith("challtestsrv.invalid. SOA ns.challtestsrv.invalid.");

    assertThat(dig.query("mx.test", Type.MX).getRcode()).isEqualTo(Rcode.NOTIMP);
  }

  @Test
  void dnsAnswersOverTcpAndLargeUdpAnswersAreTruncatedForTcp() throws Exception {
    for (int i = 0; i < 20; i++) {
      management.ok("/set-txt", "{\"host\":\"big.test\",\"value\":\"" + "v".repeat(40) + i + "\"}");
    }

    Message truncated = Dig.udpOnly(cts.dnsPort()).query("big.test", Type.TXT);

    assertThat(truncated.getHeader().getFlag(org.xbill.DNS.Flags.TC)).isTrue();
    assertThat(truncated.getSection(Section.ANSWER)).hasSizeLessThan(20);
    assertThat(Dig.tcp(cts.dnsPort()).answers("big.test", Type.TXT)).hasSize(20);
  }

  @Test
  void addHttp01ServesTheTokenOnAnyHostOverHttpAndHttps() throws Exception {
    management.ok("/add-http01", "{\"token\":\"tok\",\"content\":\"tok.thumb\"}");

    RawHttp.Reply http =
        RawHttp.get(cts.http01Port(), "whatever.test", "/.well-known/acme-challenge/tok");
    RawHttp.Reply https =
        RawHttp.getTls(
            cts.https01Port(), "other.test", "other.test", "/.well-known/acme-challenge/tok");

    assertThat(http.status()).isEqualTo(200);
    assertThat(http.body()).isEqualTo("tok.thumb");
    assertThat(https.body()).isEqualTo("tok.thumb");

    management.ok("/del-http01", "{\"token\":\"tok\"}");
    assertThat(RawHttp.get(cts.http01Port(), "x.test", "/.well-known/acme-challenge/tok").status())
        .isEqualTo(404);
  }

  @Test
  void addRedirectAnswers302OverPlainHttpOnly() throws Exception {
    management.ok(
        "/add-redirect",
        "{\"path\":\"/.well-known/acme-challenge/moved\",\"targetURL\":\"https://elsewhere.test/x\"}");
    management.ok("/add-http01", "{\"token\":\"moved\",\"content\":\"moved.thumb\"}");

    RawHttp.Reply http =
        RawHttp.get(cts.http01Port(), "r.test", "/.well-known/acme-challenge/moved");
    RawHttp.Reply https =
        RawHttp.getTls(cts.https01Port(), "r.test", "r.test", "/.well-known/acme-challenge/moved");

    assertThat(http.status()).isEqualTo(302);
    assertThat(http.header("Location")).isEqualTo("https://elsewhere.test/x");
    assertThat(https.status()).isEqualTo(200);

    management.ok("/del-redirect", "{\"path\":\"/.well-known/acme-challenge/moved\"}");
    assertThat(
            RawHttp.get(cts.http01Port(), "r.test", "/.well-known/acme-challenge/moved").status())
        .isEqualTo(200);
  }

  @Test
  void addTlsAlpn01AnswersWithAValidationCertificate() throws Exception {
    management.ok("/add-tlsalpn01", "{\"host\":\"alpn.test\",\"content\":\"tok.thumb\"}");

    X509Certificate leaf;
    try (SSLSocket socket = RawHttp.tls(cts.tlsAlpn01Port(), "alpn.test", List.of("acme-tls/1"))) {
      socket.startHandshake();
      assertThat(socket.getApplicationProtocol()).isEqualTo("acme-tls/1");
      leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    assertThat(Sans.of(leaf)).containsExactly("DNS:alpn.test");
    assertThat(leaf.getCriticalExtensionOIDs()).contains("1.3.6.1.5.5.7.1.31");
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest("tok.thumb".getBytes(StandardCharsets.UTF_8));
    byte[] expected = new byte[34];
    expected[0] = 0x04;
    expected[1] = 0x20;
    System.arraycopy(digest, 0, expected, 2, 32);
    // getExtensionValue wraps the extension's DER OCTET STRING in one more OCTET STRING.
    assertThat(leaf.getExtensionValue("1.3.6.1.5.5.7.1.31")).endsWith(expected);

    management.ok("/del-tlsalpn01", "{\"host\":\"alpn.test\"}");
    assertThatThrownBy(
            () -> {
              try (SSLSocket socket =
                  RawHttp.tls(cts.tlsAlpn01Port(), "alpn.test", List.of("acme-tls/1"))) {
                socket.startHandshake();
              }
            })
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void theTlsAlpn01ResponderRefusesAnOfferOtherThanAcmeTls1() throws Exception {
    management.ok("/add-tlsalpn01", "{\"host\":\"h2.test\",\"content\":\"tok.thumb\"}");

    assertThatThrownBy(
            () -> {
              try (SSLSocket socket =
                  RawHttp.tls(cts.tlsAlpn01Port(), "h2.test", List.of("h2", "acme-tls/1"))) {
                socket.startHandshake();
              }
            })
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void requestHistoryRecordsEachKindByHostAndIsClearedPerKind() throws Exception {
    management.ok("/add-tlsalpn01", "{\"host\":\"hist.test\",\"content\":\"c\"}");
    RawHttp.get(cts.http01Port(), "hist.test:5002", "/.well-known/acme-challenge/t?x=1");
    dig.query("hist.test", Type.TXT);
    try (SSLSocket socket = RawHttp.tls(cts.tlsAlpn01Port(), "hist.test", List.of("acme-tls/1"))) {
      socket.startHandshake();
    }

    JsonNode http = history("/http-request-history", "hist.test");
    JsonNode dns = history("/dns-request-history", "hist.test");
    JsonNode tls = history("/tlsalpn01-request-history", "hist.test");

    assertThat(http).hasSize(1);
    assertThat(http.get(0).get("URL").asText()).isEqualTo("/.well-known/acme-challenge/t?x=1");
    assertThat(http.get(0).get("Host").asText()).isEqualTo("hist.test:5002");
    assertThat(http.get(0).get("HTTPS").asBoolean()).isFalse();
    assertThat(http.get(0).get("UserAgent").asText()).isEqualTo("raw-test");
    assertThat(dns.get(0).get("Question").get("Name").asText()).isEqualTo("hist.test.");
    assertThat(dns.get(0).get("Question").get("Qtype").asInt()).isEqualTo(Type.TXT);
    assertThat(dns.get(0).get("Question").get("Qclass").asInt()).isEqualTo(1);
    assertThat(tls.get(0).get("ServerName").asText()).isEqualTo("hist.test");
    assertThat(tls.get(0).get("SupportedProtos").get(0).asText()).isEqualTo("acme-tls/1");

    management.ok("/clear-request-history", "{\"host\":\"hist.test\",\"type\":\"dns\"}");
    assertThat(history("/dns-request-history", "hist.test")).isEmpty();
    assertThat(history("/http-request-history", "hist.test")).hasSize(1);
    management.ok("/clear-request-history", "{\"host\":\"hist.test\",\"type\":\"http\"}");
    management.ok("/clear-request-history", "{\"host\":\"hist.test\",\"type\":\"tlsalpn\"}");
    assertThat(history("/http-request-history", "hist.test")).isEmpty();
    assertThat(history("/tlsalpn01-request-history", "hist.test")).isEmpty();
  }

  @Test
  void httpsRequestsRecordTheServerName() throws Exception {
    RawHttp.getTls(cts.https01Port(), "sni.test", "sni.test", "/");

    JsonNode http = history("/http-request-history", "sni.test");

    assertThat(http.get(0).get("HTTPS").asBoolean()).isTrue();
    assertThat(http.get(0).get("ServerName").asText()).isEqualTo("sni.test");
  }

  @Test
  void keysMatchCaseInsensitivelyAndTheMethodIsNotChecked() throws Exception {
    HttpResponse<String> response =
        management.send("PUT", "/set-txt", "{\"HOST\":\"case.test\",\"Value\":\"v\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(dig.answers("case.test", Type.TXT)).containsExactly("case.test. TXT v");
  }

  @Test
  void badRequestsGet400AndUnknownRoutes404() throws Exception {
    assertThat(management.post("/set-txt", "").statusCode()).isEqualTo(400);
    assertThat(management.post("/set-txt", "").body()).contains("Expected JSON POST body");
    assertThat(management.post("/set-txt", "{\"host\":\"x.test\"}").statusCode()).isEqualTo(400);
    assertThat(
            management
                .post("/add-a", "{\"host\":\"x.test\",\"addresses\":\"1.2.3.4\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(management.post("/set-txt", "not json").statusCode()).isEqualTo(400);
    assertThat(
            management.post("/clear-request-history", "{\"host\":\"x\",\"type\":\"ftp\"}").body())
        .contains("\"ftp\" event type unknown");
    assertThat(management.post("/no-such-route", "{}").statusCode()).isEqualTo(404);
  }

  @Test
  void routesExistOnlyForTheListenersThatRun() throws Exception {
    ChallengeTestServerConfig dnsOnly =
        ChallengeTestServerConfig.ephemeralPorts().withHttp01().withHttps01().withTlsAlpn01();
    try (AcmeServer other = AcmeServer.builder().challengeTestServer(dnsOnly).start()) {
      ChallengeTestServer onlyDns = other.challengeTestServer().orElseThrow();
      Management api = new Management(onlyDns.managementUri());

      assertThat(onlyDns.http01Port()).isEqualTo(-1);
      assertThat(onlyDns.tlsAlpn01Port()).isEqualTo(-1);
      assertThat(api.post("/add-http01", "{\"token\":\"t\",\"content\":\"c\"}").statusCode())
          .isEqualTo(404);
      assertThat(api.post("/add-tlsalpn01", "{\"host\":\"h\",\"content\":\"c\"}").statusCode())
          .isEqualTo(404);
      assertThat(api.post("/set-txt", "{\"host\":\"h\",\"value\":\"v\"}").statusCode())
          .isEqualTo(200);
      assertThat(api.post("/dns-request-history", "{\"host\":\"h\"}").statusCode()).isEqualTo(200);
    }
  }

  private static JsonNode history(String route, String host) throws Exception {
    HttpResponse<String> response = management.post(route, "{\"host\":\"" + host + "\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    return JSON.readTree(response.body());
  }
}
