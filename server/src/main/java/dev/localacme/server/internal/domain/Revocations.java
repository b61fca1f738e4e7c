package dev.localacme.server.internal.domain;

import dev.localacme.server.AcmeEvent;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.internal.events.Events;
import dev.localacme.server.internal.jose.Jwk;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.ProblemType;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.internal.state.Account;
import dev.localacme.server.internal.state.CertificateRecord;
import dev.localacme.server.internal.state.Store;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** revokeCert (RFC 8555 section 7.6); revocations reach the CRL through their event. */
public final class Revocations {
  /** The RFC 5280 reason codes a subscriber may give (CA/B Forum BR section 7.2.2). */
  private static final Set<Integer> REASONS = Set.of(0, 1, 3, 4, 5, 9);

  private final Store store;
  private final Clock clock;
  private final Events events;

  public Revocations(Store store, Clock clock, Events events) {
    this.store = store;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Revokes a certificate for the account that ordered it, for an account holding valid
   * authorizations for all its identifiers, or for the holder of its key ({@code account} empty,
   * {@code signer} that key).
   */
  public void revoke(Optional<Account> account, Jwk signer, byte[] certificateDer, Integer reason) {
    X509Certificate certificate;
    try {
      certificate = Pem.parseCertificate(certificateDer);
    } catch (IllegalArgumentException e) {
      throw AcmeProblem.malformed("\"certificate\" is not a DER-encoded X.509 certificate");
    }
    String serial = CertificateRecord.serialId(certificate.getSerialNumber());
    CertificateRecord record =
        store
            .certificate(serial)
            .filter(r -> Arrays.equals(r.der(), certificateDer))
            .orElseThrow(
                () -> AcmeProblem.notFound("certificate " + serial + " was not issued by this CA"));
    if (account.isPresent()) {
      requireMayRevoke(account.get(), record);
    } else if (!Jwk.of(certificate.getPublicKey()).equals(signer)) {
      throw AcmeProblem.unauthorized(
          "the request is signed with a key that is neither an account's nor the certificate's");
    }
    if (reason != null && !REASONS.contains(reason)) {
      throw AcmeProblem.of(
          ProblemType.BAD_REVOCATION_REASON,
          "revocation reason "
              + reason
              + " is not allowed; use one of "
              + REASONS.stream().sorted().toList()
              + " (RFC 5280 section 5.3.1)");
    }
    markRevoked(serial, reason);
  }

  private void markRevoked(String serial, Integer reason) {
    boolean[] changed = {false};
    Instant now = clock.instant();
    store.updateCertificate(
        serial,
        current -> {
          changed[0] = !current.isRevoked();
          return changed[0] ? current.revoked(now, reason) : current;
        });
    if (!changed[0]) {
      throw AcmeProblem.of(
          ProblemType.ALREADY_REVOKED, "certificate " + serial + " is already revoked");
    }
    events.publish(new AcmeEvent.CertificateRevoked(now, serial, reason));
  }

  private void requireMayRevoke(Account account, CertificateRecord record) {
    if (!record.accountId().equals(account.id())
        && !holdsAuthorizations(account, record.identifiers())) {
      throw AcmeProblem.unauthorized(
          "account "
              + account.id()
              + " did not order certificate "
              + record.serial()
              + " and does not hold valid authorizations for all of "
              + record.identifiers().stream().map(Identifier::value).toList()
              + " (RFC 8555 section 7.6)");
    }
  }

  private boolean holdsAuthorizations(Account account, List<Identifier> identifiers) {
    Instant now = clock.instant();
    Set<String> covered = new HashSet<>();
    for (String id : store.authorizationIds(account.id())) {
      store
          .authorization(id)
          .filter(a -> a.status(now) == Status.VALID)
          .ifPresent(
              a ->
                  covered.add(
                      a.identifier().type()
                          + ":"
                          + (a.wildcard() ? "*." : "")
                          + a.identifier().normalized()));
    }
    return identifiers.stream().allMatch(i -> covered.contains(i.type() + ":" + i.normalized()));
  }
}
