package dev.localacme.server.internal.domain;

import dev.localacme.server.AcmeEvent;
import dev.localacme.server.Profile;
import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.CertificateAuthority.LeafRequest;
import dev.localacme.server.internal.ca.Csr;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.internal.events.Events;
import dev.localacme.server.internal.jose.Jwk;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.ProblemJson;
import dev.localacme.server.internal.protocol.ProblemType;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.internal.state.Account;
import dev.localacme.server.internal.state.Authorization;
import dev.localacme.server.internal.state.CertificateRecord;
import dev.localacme.server.internal.state.Challenge;
import dev.localacme.server.internal.state.Ids;
import dev.localacme.server.internal.state.Order;
import dev.localacme.server.internal.state.Store;
import dev.localacme.server.internal.validation.Caa;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finalization, issuance and download (RFC 8555 sections 7.4, 7.4.2). */
public final class Certificates {
  private static final Logger LOG = LoggerFactory.getLogger(Certificates.class);

  /**
   * How old the CAA check made at validation may be at finalize before it is made again (CA/B Forum
   * Baseline Requirements section 3.2.2.8: 8 hours).
   */
  public static final Duration CAA_RECHECK_AFTER = Duration.ofHours(8);

  private final Store store;
  private final Clock clock;
  private final Events events;
  private final CertificateAuthority ca;
  private final Orders orders;
  private final Profiles profiles;
  private final Crls crls;
  private final Executor asyncIssuer;
  private final Caa caa;

  /**
   * @param asyncIssuer where to issue, or null to issue within the finalize request
   * @param caa the CAA check repeated at finalize for old validations, or null for none
   */
  public Certificates(
      Store store,
      Clock clock,
      Events events,
      CertificateAuthority ca,
      Orders orders,
      Profiles profiles,
      Crls crls,
      Executor asyncIssuer,
      Caa caa) {
    this.store = store;
    this.clock = clock;
    this.events = events;
    this.ca = ca;
    this.orders = orders;
    this.profiles = profiles;
    this.crls = crls;
    this.asyncIssuer = asyncIssuer;
    this.caa = caa;
  }

  /**
   * Finalize: the order must be ready (else 403 {@code orderNotReady}); the CSR must name exactly
   * the order's identifiers with a key that is no account's; CAA is checked again for names whose
   * validation is older than {@link #CAA_RECHECK_AFTER}. A refusal leaves the order ready.
   *
   * @param accountUrl the account's URL as its client knows it, for CAA {@code accounturi}
   */
  public Order finalizeOrder(Account account, String orderId, byte[] csrDer, String accountUrl) {
    Order order = orders.owned(account, orderId);
    List<Authorization> authorizations = orders.authorizations(order);
    Status status = order.status(clock.instant(), authorizations);
    if (status != Status.READY) {
      throw AcmeProblem.of(
          ProblemType.ORDER_NOT_READY,
          "order "
              + orderId
              + " is "
              + status.json()
              + ", not ready"
              + (status == Status.PENDING ? "; validate all its authorizations first" : ""));
    }
    profiles.forOrder(order.profile());
    Csr csr = Csr.parse(csrDer);
    if (store.accountByThumbprint(Jwk.of(csr.key()).thumbprint()).isPresent()) {
      throw AcmeProblem.of(
          ProblemType.BAD_CSR,
          "the CSR's public key is an ACME account key; certificates need a key of their own"
              + " (RFC 8555 section 11.1)");
    }
    checkNames(order, csr);
    recheckCaa(authorizations, accountUrl);
    boolean[] won = {false};
    Order processing =
        store.updateOrder(
            orderId,
            current -> {
              won[0] =
                  !current.processing()
                      && current.certificateSerial() == null
                      && current.error() == null;
              return won[0] ? current.finalizing() : current;
            });
    if (!won[0]) {
      throw AcmeProblem.of(
          ProblemType.ORDER_NOT_READY, "order " + orderId + " is already being finalized");
    }
    if (asyncIssuer != null) {
      asyncIssuer.execute(() -> issueQuietly(processing, csr));
      return processing;
    }
    return issue(processing, csr);
  }

  private void recheckCaa(List<Authorization> authorizations, String accountUrl) {
    if (caa == null) {
      return;
    }
    Instant now = clock.instant();
    for (Authorization authz : authorizations) {
      Optional<Challenge> validated =
          authz.challenges().stream()
              .filter(c -> c.status() == Status.VALID && c.validated() != null)
              .findFirst();
      if (!authz.identifier().isDns()
          || validated.isEmpty()
          || !validated.get().validated().plus(CAA_RECHECK_AFTER).isBefore(now)) {
        continue;
      }
      Optional<ProblemJson> refusal =
          caa.check(
              authz.identifier().value(), authz.wildcard(), accountUrl, validated.get().type());
      if (refusal.isPresent()) {
        throw AcmeProblem.of(
            ProblemType.ofUrn(refusal.get().type()).orElse(ProblemType.CAA),
            "CAA was checked again at finalize, as "
                + authz.identifier().value()
                + " was validated more than "
                + CAA_RECHECK_AFTER.toHours()
                + " hours ago: "
                + refusal.get().detail());
      }
    }
  }

  private void issueQuietly(Order order, Csr csr) {
    try {
      issue(order, csr);
    } catch (RuntimeException e) {
      LOG.error("issuing order {} failed", order.id(), e);
      store.updateOrder(
          order.id(),
          o -> o.failed(ProblemJson.of(ProblemType.SERVER_INTERNAL, "issuance failed: " + e)));
    }
  }

  private Order issue(Order order, Csr csr) {
    Profile profile = profiles.forOrder(order.profile());
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant notBefore = order.notBefore() != null ? order.notBefore() : now;
    Instant notAfter =
        order.notAfter() != null
            ? order.notAfter()
            : notBefore.plus(profile.validity()).minusSeconds(1);
    Instant issuerEnd = ca.issuer().getNotAfter().toInstant();
    if (notAfter.isAfter(issuerEnd)) {
      notAfter = issuerEnd;
    }
    BigInteger serial = Ids.serial();
    X509Certificate certificate =
        ca.issue(
            new LeafRequest(
                csr.key(),
                order.identifiers(),
                notBefore,
                notAfter,
                profile.commonName(),
                crls.distributionPoints()),
            serial);
    String serialId = CertificateRecord.serialId(serial);
    store.saveCertificate(
        new CertificateRecord(
            serialId,
            order.accountId(),
            order.id(),
            der(certificate),
            order.identifiers(),
            notBefore,
            notAfter,
            null,
            null));
    Order issued = store.updateOrder(order.id(), o -> o.issued(serialId));
    events.publish(
        new AcmeEvent.CertificateIssued(
            clock.instant(),
            serialId,
            order.identifiers().stream().map(Identifier::value).toList(),
            notAfter,
            order.accountId()));
    return issued;
  }

  /** A certificate of this account (section 7.4.2). */
  public CertificateRecord owned(Account account, String serial) {
    CertificateRecord record =
        store
            .certificate(serial)
            .orElseThrow(() -> AcmeProblem.notFound("no certificate " + serial));
    if (!record.accountId().equals(account.id())) {
      throw AcmeProblem.unauthorized("certificate " + serial + " belongs to another account");
    }
    return record;
  }

  /** The PEM chain of a certificate along chain {@code index}: leaf first, no root. */
  public String pemChain(CertificateRecord record, int index) {
    if (index < 0 || index >= ca.chains().size()) {
      throw AcmeProblem.notFound("certificate " + record.serial() + " has no chain " + index);
    }
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(Pem.parseCertificate(record.der()));
    chain.addAll(ca.chains().get(index).certificates());
    return Pem.certificates(chain);
  }

  public int chainCount() {
    return ca.chains().size();
  }

  private static void checkNames(Order order, Csr csr) {
    Set<Identifier> wanted =
        order.identifiers().stream()
            .map(i -> new Identifier(i.type(), i.normalized()))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    Set<Identifier> asked = csr.identifiers();
    if (wanted.equals(asked)) {
      return;
    }
    Set<Identifier> missing = new LinkedHashSet<>(wanted);
    missing.removeAll(asked);
    Set<Identifier> extra = new LinkedHashSet<>(asked);
    extra.removeAll(wanted);
    StringBuilder detail = new StringBuilder("the CSR's names must be exactly the order's");
    if (!missing.isEmpty()) {
      detail.append("; missing from the CSR: ").append(values(missing));
    }
    if (!extra.isEmpty()) {
      detail.append("; in the CSR but not in the order: ").append(values(extra));
    }
    throw AcmeProblem.of(ProblemType.BAD_CSR, detail.toString());
  }

  private static List<String> values(Set<Identifier> identifiers) {
    return identifiers.stream().map(Identifier::value).toList();
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
