package dev.localacme.server.internal.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/** The default store: concurrent maps, gone when the server stops. */
public final class InMemoryStore implements Store {
  private final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> accountByThumbprint = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Order> orders = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, List<String>> ordersByAccount = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Authorization> authorizations = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, List<String>> authorizationsByAccount =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, CertificateRecord> certificates = new ConcurrentHashMap<>();

  @Override
  public Optional<Account> account(String id) {
    return Optional.ofNullable(accounts.get(id));
  }

  @Override
  public Optional<Account> accountByThumbprint(String thumbprint) {
    return Optional.ofNullable(accountByThumbprint.get(thumbprint)).map(accounts::get);
  }

  @Override
  public synchronized void saveAccount(Account account) {
    Account previous = accounts.put(account.id(), account);
    if (previous != null && !previous.key().equals(account.key())) {
      accountByThumbprint.remove(previous.key().thumbprint(), account.id());
    }
    accountByThumbprint.put(account.key().thumbprint(), account.id());
  }

  @Override
  public Collection<Account> accounts() {
    return Collections.unmodifiableCollection(accounts.values());
  }

  @Override
  public Optional<Order> order(String id) {
    return Optional.ofNullable(orders.get(id));
  }

  @Override
  public void saveOrder(Order order) {
    if (orders.put(order.id(), order) == null) {
      ordersByAccount
          .computeIfAbsent(order.accountId(), k -> Collections.synchronizedList(new ArrayList<>()))
          .add(order.id());
    }
  }

  @Override
  public Order updateOrder(String id, UnaryOperator<Order> change) {
    return update(orders, id, change);
  }

  @Override
  public List<String> orderIds(String accountId) {
    return copy(ordersByAccount.get(accountId));
  }

  @Override
  public Collection<Order> orders() {
    return Collections.unmodifiableCollection(orders.values());
  }

  @Override
  public Optional<Authorization> authorization(String id) {
    return Optional.ofNullable(authorizations.get(id));
  }

  @Override
  public void saveAuthorization(Authorization authorization) {
    if (authorizations.put(authorization.id(), authorization) == null) {
      authorizationsByAccount
          .computeIfAbsent(
              authorization.accountId(), k -> Collections.synchronizedList(new ArrayList<>()))
          .add(authorization.id());
    }
  }

  @Override
  public List<String> authorizationIds(String accountId) {
    return copy(authorizationsByAccount.get(accountId));
  }

  @Override
  public Authorization updateAuthorization(String id, UnaryOperator<Authorization> change) {
    return update(authorizations, id, change);
  }

  @Override
  public Optional<CertificateRecord> certificate(String serial) {
    return Optional.ofNullable(certificates.get(serial));
  }

  @Override
  public void saveCertificate(CertificateRecord certificate) {
    certificates.put(certificate.serial(), certificate);
  }

  @Override
  public CertificateRecord updateCertificate(
      String serial, UnaryOperator<CertificateRecord> change) {
    return update(certificates, serial, change);
  }

  @Override
  public Collection<CertificateRecord> certificates() {
    return Collections.unmodifiableCollection(certificates.values());
  }

  @Override
  public synchronized void clear() {
    accounts.clear();
    accountByThumbprint.clear();
    orders.clear();
    ordersByAccount.clear();
    authorizations.clear();
    authorizationsByAccount.clear();
    certificates.clear();
  }

  @Override
  public void close() {}

  private static List<String> copy(List<String> ids) {
    if (ids == null) {
      return List.of();
    }
    synchronized (ids) {
      return List.copyOf(ids);
    }
  }

  private static <T> T update(ConcurrentMap<String, T> map, String id, UnaryOperator<T> change) {
    T updated = map.computeIfPresent(id, (k, v) -> change.apply(v));
    if (updated == null) {
      throw new NoSuchElementException(id);
    }
    return updated;
  }
}
