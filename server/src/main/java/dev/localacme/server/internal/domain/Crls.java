package dev.localacme.server.internal.domain;

import dev.localacme.server.AcmeEvent;
import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.CrlBuilder;
import dev.localacme.server.internal.ca.KeyIdentifiers;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.state.CertificateRecord;
import dev.localacme.server.internal.state.Store;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * The CRL of LocalAcme's issuer (RFC 5280 section 5): regenerated on the first fetch after a
 * revocation, and an hour after the last one otherwise, so a fetch always sees every revocation.
 */
public final class Crls implements Consumer<AcmeEvent> {
  /** nextUpdate - thisUpdate; the CA/B Forum BRs allow up to 10 days. */
  static final Duration LIFETIME = Duration.ofDays(1);

  static final Duration REFRESH = Duration.ofHours(1);

  private final Store store;
  private final Clock clock;
  private final CertificateAuthority.Signer issuer;
  private final String issuerId;
  private volatile String url;
  private byte[] current;
  private Instant thisUpdate;
  private BigInteger number = BigInteger.ZERO;
  private boolean stale = true;

  public Crls(Store store, Clock clock, CertificateAuthority ca) {
    this.store = store;
    this.clock = clock;
    this.issuer = ca.issuerSigner();
    byte[] keyId = KeyIdentifiers.subject(issuer.certificate());
    this.issuerId = HexFormat.of().formatHex(keyId, 0, Math.min(8, keyId.length));
  }

  /** A short, stable name for the issuer, from its key identifier: part of the CRL's URL. */
  public String issuerId() {
    return issuerId;
  }

  /** Starts publishing at {@code crlUrl}, the URL every later certificate names. */
  public void publishAt(String crlUrl) {
    this.url = crlUrl;
    markStale();
  }

  /** The CRL distribution points for a new certificate: none while CRLs are off. */
  public List<String> distributionPoints() {
    String published = url;
    return published == null ? List.of() : List.of(published);
  }

  /** The current CRL of the issuer named {@code id}, as DER. */
  public synchronized byte[] crl(String id) {
    if (url == null || !issuerId.equals(id)) {
      throw AcmeProblem.notFound("there is no CRL for issuer \"" + id + "\"; try " + url);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    if (stale || now.isBefore(thisUpdate) || !now.isBefore(thisUpdate.plus(REFRESH))) {
      regenerate(now);
    }
    return current.clone();
  }

  @Override
  public void accept(AcmeEvent event) {
    if (event instanceof AcmeEvent.CertificateRevoked) {
      markStale();
    }
  }

  /** The next fetch builds a new CRL, for example after a reset. */
  public synchronized void markStale() {
    stale = true;
  }

  private void regenerate(Instant now) {
    // Increasing and never repeated (RFC 5280 section 5.2.3), even across restarts.
    number = number.add(BigInteger.ONE).max(BigInteger.valueOf(now.toEpochMilli()));
    List<CrlBuilder.Entry> entries =
        store.certificates().stream()
            .filter(CertificateRecord::isRevoked)
            .filter(r -> !r.notAfter().isBefore(now))
            .sorted(Comparator.comparing(CertificateRecord::revokedAt))
            .map(r -> new CrlBuilder.Entry(serial(r), r.revokedAt(), r.revocationReason()))
            .toList();
    current =
        CrlBuilder.build(
            issuer, new CrlBuilder.Content(now, now.plus(LIFETIME), number, url, entries));
    thisUpdate = now;
    stale = false;
  }

  private static BigInteger serial(CertificateRecord record) {
    return new BigInteger(record.serial(), 16);
  }
}
