package dev.localacme.server.internal.state;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the CA's state lives. Every write is visible to every later read when the method returns; a
 * durable store has also made it survive a crash by then. {@code update} applies a change
 * atomically with respect to other updates of the same object.
 */
public interface Store extends AutoCloseable {

  Optional<Account> account(String id);

  Optional<Account> accountByThumbprint(String thumbprint);

  /** Inserts or replaces an account, keeping the key index current. */
  void saveAccount(Account account);

  Collection<Account> accounts();

  Optional<Order> order(String id);

  void saveOrder(Order order);

  Order updateOrder(String id, UnaryOperator<Order> change);

  /** The account's order ids, oldest first. */
  List<String> orderIds(String accountId);

  Collection<Order> orders();

  Optional<Authorization> authorization(String id);

  void saveAuthorization(Authorization authorization);

  Authorization updateAuthorization(String id, UnaryOperator<Authorization> change);

  /** The account's authorization ids (its orders' and its pre-authorizations), oldest first. */
  List<String> authorizationIds(String accountId);

  Optional<CertificateRecord> certificate(String serial);

  void saveCertificate(CertificateRecord certificate);

  CertificateRecord updateCertificate(String serial, UnaryOperator<CertificateRecord> change);

  Collection<CertificateRecord> certificates();

  /** Forgets everything, for tests that reset between methods. */
  void clear();

  @Override
  void close();
}
