package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.support.Chains;
import dev.localacme.server.support.ChallengeResponder;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.Issuance;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.Sans;
import dev.localacme.server.support.TlsAlpnResponder;
import java.net.InetAddress;
import java.security.KeyPair;
import java.time.Duration;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * IP address identifiers (RFC 8738) for IPv4 and IPv6 loopback: http-01 with the literal as Host,
 * tls-alpn-01 with the reverse-DNS name as SNI, IP SANs in the certificate.
 */
class IpIdentifierIT {
  @RegisterExtension static final InProcessAcme acme = InProcessAcme.create().resetBeforeEach();

  @ParameterizedTest
  @CsvSource({"127.0.0.1, 127.0.0.1", "::1, [::1]"})
  void issuesForAnIpAddressOverHttp01(String ip, String hostHeader) throws Exception {
    try (ChallengeResponder responder = ChallengeResponder.start(InetAddress.getByName(ip))) {
      acme.server().http01Port(responder.port());
      Order order = newOrder(ip);
      Authorization authz = order.getAuthorizations().get(0);
      assertThat(authz.getChallenges().stream().map(c -> c.getType()))
          .containsExactlyInAnyOrder(Http01Challenge.TYPE, TlsAlpn01Challenge.TYPE);
      Http01Challenge challenge = authz.findChallenge(Http01Challenge.class).orElseThrow();
      responder.serve(challenge.getToken(), challenge.getAuthorization());

      challenge.trigger();

      assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
      assertThat(responder.hosts()).contains(hostHeader + ":" + responder.port());
      assertIssuedFor(order, ip);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, 1.0.0.127.in-addr.arpa",
    "::1, 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa"
  })
  void issuesForAnIpAddressOverTlsAlpn01(String ip, String reverseName) throws Exception {
    try (TlsAlpnResponder responder = TlsAlpnResponder.start(InetAddress.getByName(ip))) {
      acme.server().tlsAlpn01Port(responder.port());
      Order order = newOrder(ip);
      TlsAlpn01Challenge challenge =
          order.getAuthorizations().get(0).findChallenge(TlsAlpn01Challenge.class).orElseThrow();
      KeyPair key = KeyPairs.ec();
      GeneralName san =
          new GeneralName(
              GeneralName.iPAddress, new DEROctetString(InetAddress.getByName(ip).getAddress()));
      responder.serve(
          reverseName,
          key,
          TlsAlpnResponder.validationCertificate(key, san, challenge.getAuthorization(), true));

      challenge.trigger();

      assertThat(challenge.waitForCompletion(Duration.ofSeconds(10))).isEqualTo(Status.VALID);
      assertThat(responder.hellos())
          .containsExactly(
              new TlsAlpnResponder.Hello(reverseName, java.util.List.of("acme-tls/1")));
      assertIssuedFor(order, ip);
    }
  }

  @Test
  void refusesAnIpv6IdentifierNotInCanonicalForm() throws Exception {
    // acme4j's Identifier.ip() writes ::1 as 0:0:0:0:0:0:0:1; Boulder refuses that too.
    var newOrder = acme.newAccount().getAccount().newOrder().identifier(Identifier.ip("::1"));

    assertThatThrownBy(newOrder::create)
        .isInstanceOfSatisfying(
            AcmeServerException.class,
            e -> {
              assertThat(e.getType().toString()).isEqualTo("urn:ietf:params:acme:error:malformed");
              assertThat(e.getMessage()).contains("write \"::1\", not \"0:0:0:0:0:0:0:1\"");
            });
  }

  private static Order newOrder(String ip) throws Exception {
    // The value as RFC 8738 section 3 wants it: RFC 5952 canonical text for IPv6.
    return acme.newAccount()
        .getAccount()
        .newOrder()
        .identifier(new Identifier(Identifier.TYPE_IP, ip))
        .create();
  }

  private static void assertIssuedFor(Order order, String ip) throws Exception {
    Certificate certificate = Issuance.finalizeOrder(order);
    Chains.verify(certificate.getCertificateChain(), acme.server().rootCertificate());
    assertThat(Sans.of(certificate.getCertificate()))
        .containsExactly("IP:" + InetAddress.getByName(ip).getHostAddress());
  }
}
