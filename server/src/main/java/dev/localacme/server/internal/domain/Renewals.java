package dev.localacme.server.internal.domain;

import dev.localacme.server.internal.ca.KeyIdentifiers;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.CertId;
import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.ProblemType;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.internal.state.Account;
import dev.localacme.server.internal.state.Authorization;
import dev.localacme.server.internal.state.CertificateRecord;
import dev.localacme.server.internal.state.Order;
import dev.localacme.server.internal.state.Store;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * ACME Renewal Information (RFC 9773): the window in which each certificate should be renewed, the
 * windows tests set ("renew now"), and the checks on newOrder's {@code replaces} (section 5).
 */
public final class Renewals {
  /**
   * How long a client should wait before asking again (section 4.3). Short, because tests change
   * windows at runtime; clients treat anything under a minute as a minute anyway.
   */
  public static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  /**
   * A suggested renewal window (section 4.2), in whole seconds as the wire carries it; {@code end}
   * is always after {@code start}.
   */
  public record Window(Instant start, Instant end) {
    public Window {
      start = start.truncatedTo(ChronoUnit.SECONDS);
      end = end.truncatedTo(ChronoUnit.SECONDS);
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException(
            "a renewal window must end after it starts: " + start + " to " + end);
      }
    }
  }

  /** What renewalInfo answers: a window, or a body set verbatim through Pebble's route. */
  public record Answer(Window window, String verbatim) {}

  private final Store store;
  private final Clock clock;
  private final ConcurrentMap<String, Answer> overrides = new ConcurrentHashMap<>();

  public Renewals(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The answer for a certID: a window set for the certificate, or the default policy's. */
  public Answer answer(CertId id) {
    CertificateRecord record = certificate(id);
    Answer override = overrides.get(record.serial());
    if (override != null) {
      return override;
    }
    if (record.isRevoked()) {
      return new Answer(immediately(), null);
    }
    return new Answer(suggested(record.notBefore(), record.notAfter()), null);
  }

  /**
   * Boulder's policy (checklist F4): ideal renewal a third of the lifetime before expiry (half for
   * lifetimes under 10 days), give or take 1 % of the lifetime.
   */
  public static Window suggested(Instant notBefore, Instant notAfter) {
    Duration lifetime = Duration.between(notBefore, notAfter);
    Duration lead =
        lifetime.compareTo(Duration.ofDays(10)) < 0 ? lifetime.dividedBy(2) : lifetime.dividedBy(3);
    Instant ideal = notAfter.minus(lead);
    Duration margin = max(lifetime.dividedBy(100), Duration.ofSeconds(1));
    return new Window(ideal.minus(margin), ideal.plus(margin));
  }

  /** A window that ended half an hour ago, which tells clients to renew at once (section 4.2). */
  public Window immediately() {
    Instant now = clock.instant();
    return new Window(now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(30)));
  }

  /** Sets a certificate's window, until the next reset. */
  public void setWindow(String serial, Window window) {
    overrides.put(known(serial).serial(), new Answer(window, null));
  }

  /** Sets the body renewalInfo answers verbatim (Pebble's {@code set-renewal-info}). */
  public void setVerbatim(String serial, String body) {
    overrides.put(known(serial).serial(), new Answer(null, body));
  }

  /** Forgets every window set, for a reset. */
  public void clear() {
    overrides.clear();
  }

  /**
   * Checks what a newOrder {@code replaces} (section 5): the certificate must exist, belong to the
   * account, share an identifier with the new order and not be replaced by another order that is
   * not invalid ({@code alreadyReplaced}).
   */
  public void requireReplaceable(Account account, CertId id, List<Identifier> identifiers) {
    CertificateRecord record = certificate(id);
    if (!record.accountId().equals(account.id())) {
      throw AcmeProblem.unauthorized(
          "certificate " + record.serial() + " in \"replaces\" was ordered by another account");
    }
    Set<String> ordered = names(identifiers);
    ordered.retainAll(names(record.identifiers()));
    if (ordered.isEmpty()) {
      throw AcmeProblem.malformed(
          "the order shares no identifier with certificate "
              + record.serial()
              + ", which \"replaces\" names (RFC 9773 section 5)");
    }
    requireNotReplaced(account, record);
  }

  private void requireNotReplaced(Account account, CertificateRecord record) {
    Instant now = clock.instant();
    for (String orderId : store.orderIds(account.id())) {
      Order other = store.order(orderId).orElse(null);
      if (other != null
          && other.replaces() != null
          && replacesSerial(other).equals(record.serial())
          && other.status(now, authorizations(other)) != Status.INVALID) {
        throw AcmeProblem.of(
            ProblemType.ALREADY_REPLACED,
            "certificate "
                + record.serial()
                + " is already replaced by order "
                + other.id()
                + "; order without \"replaces\", or let that order fail first");
      }
    }
  }

  private static String replacesSerial(Order order) {
    return CertificateRecord.serialId(CertId.parse(order.replaces(), "replaces").serial());
  }

  private List<Authorization> authorizations(Order order) {
    return order.authorizationIds().stream()
        .flatMap(id -> store.authorization(id).stream())
        .toList();
  }

  /** The certificate a certID names; an unknown one is a 404. */
  public CertificateRecord certificate(CertId id) {
    CertificateRecord record =
        store
            .certificate(CertificateRecord.serialId(id.serial()))
            .orElseThrow(
                () ->
                    AcmeProblem.notFound(
                        "no certificate with serial "
                            + CertificateRecord.serialId(id.serial())
                            + " was issued here"));
    X509Certificate certificate = Pem.parseCertificate(record.der());
    byte[] aki = KeyIdentifiers.authority(certificate).orElse(new byte[0]);
    if (!id.matches(aki, certificate.getSerialNumber())) {
      throw AcmeProblem.notFound(
          "certificate "
              + id
              + " names an issuer key that did not issue serial "
              + record.serial());
    }
    return record;
  }

  private CertificateRecord known(String serial) {
    return CertificateRecord.parseSerialId(serial)
        .flatMap(store::certificate)
        .orElseThrow(() -> new IllegalArgumentException("no certificate with serial " + serial));
  }

  private static Set<String> names(List<Identifier> identifiers) {
    return identifiers.stream()
        .map(i -> i.type() + ":" + i.normalized())
        .collect(Collectors.toSet());
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
