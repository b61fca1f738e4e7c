package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.Chains;
import dev.localacme.server.support.Crls;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.Issuance;
import dev.localacme.server.support.Problems;
import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RevocationReason;

/** Revocation published as CRLs (RFC 5280 section 5), checked by the JDK as a relying party. */
class CrlIT {
  @RegisterExtension static final InProcessAcme acme = InProcessAcme.create();

  @Test
  void everyLeafNamesThePlainHttpCrlOfItsIssuer() throws Exception {
    X509Certificate leaf = acme.issue("crl-dp.test").getCertificate();

    String url = acme.server().crlUri().orElseThrow().toString();
    assertThat(Crls.distributionPoints(leaf)).containsExactly(url);
    assertThat(url).startsWith("http://localhost:" + acme.server().crlPort() + "/");
  }

  @Test
  void revocationShowsUpInAFreshlyFetchedCrl() throws Exception {
    Certificate certificate = acme.issue("crl-revoked.test");
    List<X509Certificate> chain = certificate.getCertificateChain();
    X509Certificate leaf = chain.get(0);
    String url = Crls.distributionPoints(leaf).get(0);
    X509CRL before = Crls.fetch(url);
    assertThat(before.isRevoked(leaf)).isFalse();
    assertThatCode(() -> Chains.verify(chain, acme.server().rootCertificate(), before))
        .doesNotThrowAnyException();

    certificate.revoke(RevocationReason.KEY_COMPROMISE);

    X509CRL after = Crls.fetch(url);
    after.verify(chain.get(1).getPublicKey());
    assertThat(after.getIssuerX500Principal()).isEqualTo(leaf.getIssuerX500Principal());
    X509CRLEntry entry = after.getRevokedCertificate(leaf);
    assertThat(entry).isNotNull();
    assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
    assertThat(crlNumber(after)).isGreaterThan(crlNumber(before));
    assertThat(after.getNextUpdate()).isAfter(after.getThisUpdate());
    assertThat(
            Duration.between(after.getThisUpdate().toInstant(), after.getNextUpdate().toInstant()))
        .isLessThanOrEqualTo(Duration.ofDays(10));
    assertThat(after.getCriticalExtensionOIDs()).contains("2.5.29.28");
    IssuingDistributionPoint idp = issuingDistributionPoint(after);
    assertThat(idp.onlyContainsUserCerts()).isTrue();
    assertThat(
            GeneralNames.getInstance(idp.getDistributionPoint().getName())
                .getNames()[0]
                .getName()
                .toString())
        .isEqualTo(url);
    assertThatThrownBy(() -> Chains.verify(chain, acme.server().rootCertificate(), after))
        .isInstanceOfSatisfying(
            CertPathValidatorException.class,
            e ->
                assertThat(e.getReason())
                    .isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
  }

  @Test
  void revocationWithoutReasonHasNoReasonCode() throws Exception {
    Certificate certificate = acme.issue("crl-unspecified.test");
    X509Certificate leaf = certificate.getCertificate();

    certificate.revoke();

    X509CRLEntry entry =
        Crls.fetch(acme.server().crlUri().orElseThrow().toString()).getRevokedCertificate(leaf);
    assertThat(entry.getRevocationReason()).isNull();
    assertThat(entry.hasExtensions()).isFalse();
  }

  @Test
  void accountHoldingAuthorizationsForAllNamesMayRevoke() throws Exception {
    X509Certificate leaf = acme.issue("crl-a.test", "crl-b.test").getCertificate();
    Login half = acme.newAccount();
    authorize(half, "crl-a.test");
    Login holder = acme.newAccount();
    authorize(holder, "crl-a.test", "crl-b.test");

    assertThatThrownBy(() -> Certificate.revoke(half, leaf, null))
        .satisfies(e -> assertThat(Problems.type(e)).isEqualTo("unauthorized"))
        .hasMessageContaining("crl-b.test");
    Certificate.revoke(holder, leaf, RevocationReason.CESSATION_OF_OPERATION);

    X509CRL crl = Crls.fetch(acme.server().crlUri().orElseThrow().toString());
    assertThat(crl.getRevokedCertificate(leaf).getRevocationReason())
        .isEqualTo(CRLReason.CESSATION_OF_OPERATION);
  }

  @Test
  void crlsCanBeTurnedOffOrPublishedUnderAnotherName() throws Exception {
    try (AcmeServer off =
        AcmeServer.builder().http01Port(acme.responder().port()).crlPort(-1).start()) {
      Login account = Acme4j.newAccount(off);
      X509Certificate leaf =
          Issuance.issue(account, acme.responder(), "no-crl.test").getCertificate();
      assertThat(Crls.distributionPoints(leaf)).isEmpty();
      assertThat(off.crlUri()).isEmpty();
      assertThat(off.crlPort()).isEqualTo(-1);
    }
    try (AcmeServer named =
        AcmeServer.builder().crlBaseUrl("http://localacme.internal:14080").start()) {
      assertThat(named.crlUri().orElseThrow().toString())
          .startsWith("http://localacme.internal:14080/crl/")
          .endsWith(".crl");
    }
    assertThatThrownBy(() -> AcmeServer.builder().crlBaseUrl("https://x.test").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://");
  }

  /** Has {@code login} validate authorizations for {@code names}, without finalizing. */
  private static void authorize(Login login, String... names) throws Exception {
    Order order = login.getAccount().newOrder().domains(names).create();
    for (var authorization : order.getAuthorizations()) {
      acme.validate(authorization);
    }
  }

  private static BigInteger crlNumber(X509CRL crl) {
    byte[] value = crl.getExtensionValue("2.5.29.20");
    return ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue();
  }

  private static IssuingDistributionPoint issuingDistributionPoint(X509CRL crl) {
    byte[] value = crl.getExtensionValue("2.5.29.28");
    return IssuingDistributionPoint.getInstance(ASN1OctetString.getInstance(value).getOctets());
  }
}
