package dev.localacme.server.internal.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store of a data directory: one H2 MVStore file with a map of JSON records per kind.
 *
 * <p>Every write is committed to the file before the method returns, so before the server answers
 * the request that caused it: a response, once sent, stays true after {@code kill -9}. A commit
 * hands the new chunk to the operating system without {@code fsync}, which survives any crash of
 * the process but not a power cut in the next few seconds; for a development CA that trade is right
 * (an fsync per request would cost more than the request). Concurrent commits share the file write:
 * whoever commits first writes every change made so far.
 *
 * <p>Secondary indexes (account by key thumbprint, orders and authorizations by account) are
 * written before the record they point to and checked on reading, so an index entry left by a crash
 * between the two writes is ignored, never believed.
 */
public final class MvStore implements Store {
  private static final Logger LOG = LoggerFactory.getLogger(MvStore.class);
  private static final String FORMAT_KEY = "format";
  private static final String FORMAT = "localacme-state-1";

  private final Path file;
  private final MVStore mv;
  private final StoredRecords<Account> accounts;
  private final MVMap<String, String> accountKeys;
  private final StoredRecords<Order> orders;
  private final MVMap<String, String> accountOrders;
  private final StoredRecords<Authorization> authorizations;
  private final MVMap<String, String> accountAuthorizations;
  private final StoredRecords<CertificateRecord> certificates;
  private final Object[] locks = new Object[64];
  private final Object indexLock = new Object();

  private MvStore(Path file, MVStore mv) {
    this.file = file;
    this.mv = mv;
    this.accounts = new StoredRecords<>(mv.openMap("accounts"), Account.class);
    this.accountKeys = mv.openMap("accountKeys");
    this.orders = new StoredRecords<>(mv.openMap("orders"), Order.class);
    this.accountOrders = mv.openMap("accountOrders");
    this.authorizations = new StoredRecords<>(mv.openMap("authorizations"), Authorization.class);
    this.accountAuthorizations = mv.openMap("accountAuthorizations");
    this.certificates = new StoredRecords<>(mv.openMap("certificates"), CertificateRecord.class);
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * Opens the state file, creating it if it does not exist.
   *
   * @throws IllegalStateException naming the file, if it is in use, unreadable, corrupt or not
   *     LocalAcme's; the file is never reset
   */
  public static MvStore open(Path file) {
    if (Files.exists(file) && !(Files.isReadable(file) && Files.isWritable(file))) {
      throw new IllegalStateException(
          "cannot read and write the state file " + file + ": check its owner and permissions");
    }
    MVStore mv;
    try {
      mv =
          new MVStore.Builder()
              .fileName(file.toString())
              .pageSplitSize(4 * 1024)
              .backgroundExceptionHandler(
                  (thread, e) -> LOG.error("writing the state file {} failed", file, e))
              .open();
    } catch (MVStoreException e) {
      if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
        throw new IllegalStateException(
            "the state file "
                + file
                + " is in use by another process (is another LocalAcme running on this data"
                + " directory?)",
            e);
      }
      throw corrupt(file, firstLine(e.getMessage()), e);
    } catch (RuntimeException e) {
      throw corrupt(file, firstLine(String.valueOf(e.getMessage())), e);
    }
    try {
      checkFormat(file, mv);
      return new MvStore(file, mv);
    } catch (RuntimeException e) {
      mv.closeImmediately();
      throw e;
    }
  }

  private static void checkFormat(Path file, MVStore mv) {
    MVMap<String, String> meta = mv.openMap("localacme");
    String format = meta.get(FORMAT_KEY);
    if (format == null) {
      if (mv.getMapNames().size() > 1) {
        throw corrupt(file, "it is an MVStore file, but not LocalAcme's", null);
      }
      meta.put(FORMAT_KEY, FORMAT);
      mv.commit();
    } else if (!format.equals(FORMAT)) {
      throw new IllegalStateException(
          "the state file "
              + file
              + " has format \""
              + format
              + "\", which this LocalAcme cannot read (it reads \""
              + FORMAT
              + "\")");
    }
  }

  private static IllegalStateException corrupt(Path file, String why, Throwable cause) {
    return new IllegalStateException(
        "the state file "
            + file
            + " cannot be read ("
            + why
            + "). LocalAcme does not reset it: move it aside to start with empty state (the"
            + " root and keys in the data directory stay)",
        cause);
  }

  /** The file this store writes. */
  public Path file() {
    return file;
  }

  @Override
  public Optional<Account> account(String id) {
    return accounts.get(id);
  }

  @Override
  public Optional<Account> accountByThumbprint(String thumbprint) {
    return Optional.ofNullable(accountKeys.get(thumbprint))
        .flatMap(this::account)
        .filter(a -> a.key().thumbprint().equals(thumbprint));
  }

  @Override
  public void saveAccount(Account account) {
    synchronized (lock(account.id())) {
      Optional<Account> previous = account(account.id());
      accountKeys.put(account.key().thumbprint(), account.id());
      accounts.put(account.id(), account);
      previous
          .filter(p -> !p.key().equals(account.key()))
          .ifPresent(p -> accountKeys.remove(p.key().thumbprint(), account.id()));
      commit();
    }
  }

  @Override
  public Collection<Account> accounts() {
    return accounts.all();
  }

  @Override
  public Optional<Order> order(String id) {
    return orders.get(id);
  }

  @Override
  public void saveOrder(Order order) {
    synchronized (lock(order.id())) {
      if (!orders.contains(order.id())) {
        append(accountOrders, order.accountId(), order.id());
      }
      orders.put(order.id(), order);
      commit();
    }
  }

  /** Adds {@code id} to the end of the owner's list in an index keyed "owner/sequence". */
  private void append(MVMap<String, String> index, String owner, String id) {
    String prefix = owner + "/";
    synchronized (indexLock) {
      String last = index.floorKey(prefix + "~");
      long next =
          last != null && last.startsWith(prefix)
              ? Long.parseLong(last.substring(prefix.length())) + 1
              : 0;
      index.put(prefix + String.format("%012d", next), id);
    }
  }

  /** The ids listed for an owner, oldest first, leaving out any whose record is missing. */
  private static List<String> listed(
      MVMap<String, String> index, StoredRecords<?> records, String owner) {
    String prefix = owner + "/";
    List<String> ids = new ArrayList<>();
    Cursor<String, String> cursor = index.cursor(prefix);
    while (cursor.hasNext()) {
      String key = cursor.next();
      if (!key.startsWith(prefix)) {
        break;
      }
      String id = cursor.getValue();
      if (records.contains(id)) {
        ids.add(id);
      }
    }
    return List.copyOf(ids);
  }

  @Override
  public Order updateOrder(String id, UnaryOperator<Order> change) {
    return update(orders, id, change);
  }

  @Override
  public List<String> orderIds(String accountId) {
    return listed(accountOrders, orders, accountId);
  }

  @Override
  public Collection<Order> orders() {
    return orders.all();
  }

  @Override
  public Optional<Authorization> authorization(String id) {
    return authorizations.get(id);
  }

  @Override
  public void saveAuthorization(Authorization authorization) {
    synchronized (lock(authorization.id())) {
      if (!authorizations.contains(authorization.id())) {
        append(accountAuthorizations, authorization.accountId(), authorization.id());
      }
      authorizations.put(authorization.id(), authorization);
      commit();
    }
  }

  @Override
  public Authorization updateAuthorization(String id, UnaryOperator<Authorization> change) {
    return update(authorizations, id, change);
  }

  @Override
  public List<String> authorizationIds(String accountId) {
    return listed(accountAuthorizations, authorizations, accountId);
  }

  @Override
  public Optional<CertificateRecord> certificate(String serial) {
    return certificates.get(serial);
  }

  @Override
  public void saveCertificate(CertificateRecord certificate) {
    synchronized (lock(certificate.serial())) {
      certificates.put(certificate.serial(), certificate);
      commit();
    }
  }

  @Override
  public CertificateRecord updateCertificate(
      String serial, UnaryOperator<CertificateRecord> change) {
    return update(certificates, serial, change);
  }

  @Override
  public Collection<CertificateRecord> certificates() {
    return certificates.all();
  }

  @Override
  public void clear() {
    synchronized (indexLock) {
      accounts.clear();
      accountKeys.clear();
      orders.clear();
      accountOrders.clear();
      authorizations.clear();
      accountAuthorizations.clear();
      certificates.clear();
      commit();
    }
  }

  /** Writes what is left and closes the file; later calls fail. */
  @Override
  public void close() {
    if (!mv.isClosed()) {
      mv.close();
    }
  }

  private <T> T update(StoredRecords<T> records, String id, UnaryOperator<T> change) {
    synchronized (lock(id)) {
      T current = records.get(id).orElseThrow(() -> new NoSuchElementException(id));
      T updated = change.apply(current);
      if (updated != current) {
        records.put(id, updated);
        commit();
      }
      return updated;
    }
  }

  private void commit() {
    mv.commit();
  }

  private Object lock(String id) {
    return locks[Math.floorMod(id.hashCode(), locks.length)];
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
