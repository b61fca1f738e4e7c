package dev.localacme.server.internal.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localacme.server.AccountInfo;
import dev.localacme.server.AcmeEvent;
import dev.localacme.server.IssuedCertificate;
import dev.localacme.server.OrderInfo;
import dev.localacme.server.ValidationAttempt;
import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.Json;
import dev.localacme.server.internal.protocol.ProblemJson;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.internal.state.Account;
import dev.localacme.server.internal.state.CertificateRecord;
import dev.localacme.server.internal.state.Order;
import dev.localacme.server.internal.state.Store;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What tests and the management API look at: issued certificates, orders, and the most recent
 * validation attempts (kept in memory, newest last, at most {@value #MAX_ATTEMPTS}).
 */
public final class Inspection implements Consumer<AcmeEvent> {
  static final int MAX_ATTEMPTS = 10_000;

  private final Store store;
  private final CertificateAuthority ca;
  private final Orders orders;
  private final ArrayDeque<ValidationAttempt> attempts = new ArrayDeque<>();
  private final Object issued = new Object();
  // Certificates issued within one second share notBefore (X.509 keeps seconds), so "oldest
  // first" and "newest" follow the order of the issuance events instead.
  private final Map<String, Long> issuance = new ConcurrentHashMap<>();
  private final AtomicLong issuedCount = new AtomicLong();
  private final Comparator<CertificateRecord> oldestFirst =
      Comparator.<CertificateRecord>comparingLong(
              r -> issuance.getOrDefault(r.serial(), Long.MAX_VALUE))
          .thenComparing(CertificateRecord::notBefore)
          .thenComparing(CertificateRecord::serial);

  public Inspection(Store store, CertificateAuthority ca, Orders orders) {
    this.store = store;
    this.ca = ca;
    this.orders = orders;
  }

  @Override
  public void accept(AcmeEvent event) {
    if (event instanceof AcmeEvent.ValidationCompleted completed) {
      synchronized (attempts) {
        attempts.addLast(completed.attempt());
        if (attempts.size() > MAX_ATTEMPTS) {
          attempts.removeFirst();
        }
      }
    } else if (event instanceof AcmeEvent.CertificateIssued certificate) {
      issuance.put(certificate.serial(), issuedCount.incrementAndGet());
      synchronized (issued) {
        issued.notifyAll();
      }
    }
  }

  public List<ValidationAttempt> validationAttempts() {
    synchronized (attempts) {
      return List.copyOf(attempts);
    }
  }

  /** Every certificate issued, oldest first. */
  public List<IssuedCertificate> certificates() {
    List<CertificateRecord> records = new ArrayList<>(store.certificates());
    records.sort(oldestFirst);
    return records.stream().map(this::view).toList();
  }

  public Optional<IssuedCertificate> certificate(String serial) {
    return store.certificate(serial.toLowerCase(Locale.ROOT)).map(this::view);
  }

  /** Every order, oldest first, with its status now. */
  public List<OrderInfo> orders() {
    List<Order> all = new ArrayList<>(store.orders());
    all.sort(Comparator.comparing(Order::createdAt).thenComparing(Order::id));
    return all.stream().map(this::view).toList();
  }

  /**
   * Waits until a valid certificate names {@code name} (case-insensitively) and returns the newest
   * such certificate.
   */
  public IssuedCertificate awaitCertificate(String name, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (issued) {
      while (true) {
        Optional<IssuedCertificate> found = newestFor(name);
        if (found.isPresent()) {
          return found.get();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException(
              "no certificate for " + name + " was issued within " + timeout.toMillis() + " ms");
        }
        issued.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Forgets the validation attempts and issuance order, for a reset between tests. */
  public void clear() {
    synchronized (attempts) {
      attempts.clear();
    }
    issuance.clear();
  }

  private Optional<IssuedCertificate> newestFor(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return store.certificates().stream()
        .filter(r -> !r.isRevoked())
        .filter(r -> r.identifiers().stream().anyMatch(i -> i.normalized().equals(wanted)))
        .max(oldestFirst)
        .map(this::view);
  }

  private IssuedCertificate view(CertificateRecord record) {
    X509Certificate leaf = Pem.parseCertificate(record.der());
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    chain.addAll(ca.chains().get(0).certificates());
    return new IssuedCertificate(
        record.serial(),
        record.identifiers().stream().map(Identifier::value).toList(),
        leaf,
        chain,
        record.accountId(),
        record.orderId(),
        record.revokedAt(),
        record.revocationReason());
  }

  private OrderInfo view(Order order) {
    Status status = orders.status(order);
    ProblemJson error = orders.error(order, status);
    return new OrderInfo(
        order.id(),
        order.accountId(),
        order.identifiers().stream().map(Identifier::value).toList(),
        status.json(),
        order.createdAt(),
        order.expires(),
        order.certificateSerial(),
        error == null ? null : error.detail(),
        order.profile(),
        order.replaces());
  }

  /** Every account, oldest first. */
  public List<AccountInfo> accounts() {
    List<Account> all = new ArrayList<>(store.accounts());
    all.sort(Comparator.comparing(Account::createdAt).thenComparing(Account::id));
    return all.stream().map(Inspection::view).toList();
  }

  private static AccountInfo view(Account account) {
    return new AccountInfo(
        account.id(),
        account.status().json(),
        account.contact(),
        account.key().describe(),
        bindingKid(account.externalAccountBinding()),
        account.createdAt());
  }

  // The binding is stored as the client sent it, already verified: its protected header has the
  // kid.
  private static String bindingKid(String binding) {
    if (binding == null) {
      return null;
    }
    JsonNode jws = Json.readObject(binding.getBytes(StandardCharsets.UTF_8), "the binding");
    byte[] header = Base64.getUrlDecoder().decode(jws.path("protected").asText());
    return Json.readObject(header, "the binding's header").path("kid").asText(null);
  }
}
