package dev.localacme.server.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.internal.jose.Jwk;
import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.support.KeyPairs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvStoreTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void everythingSavedIsThereAfterReopening() {
    Path file = dir.resolve("state.mv.db");
    Account account = account();
    Authorization authz = authorization(account);
    Order order = order(account, authz);
    CertificateRecord certificate = certificate(account, order);
    try (MvStore store = MvStore.open(file)) {
      store.saveAccount(account);
      store.saveAuthorization(authz);
      store.saveOrder(order);
      store.saveCertificate(certificate);
    }

    try (MvStore store = MvStore.open(file)) {
      assertThat(store.account(account.id())).contains(account);
      assertThat(store.accountByThumbprint(account.key().thumbprint())).contains(account);
      assertThat(store.authorization(authz.id())).contains(authz);
      assertThat(store.order(order.id())).contains(order);
      assertThat(store.orderIds(account.id())).containsExactly(order.id());
      assertThat(store.certificate(certificate.serial()).orElseThrow())
          .usingRecursiveComparison()
          .isEqualTo(certificate);
    }
  }

  @Test
  void readsAfterAnUpdateOrAClearSeeTheFilesContentNotAnEarlierRead() {
    Path file = dir.resolve("state.mv.db");
    Account account = account();
    Authorization authz = authorization(account);
    Order order = order(account, authz);
    try (MvStore store = MvStore.open(file)) {
      store.saveAccount(account);
      store.saveAuthorization(authz);
      store.saveOrder(order);
      assertThat(store.order(order.id())).contains(order);

      Order finalizing = store.updateOrder(order.id(), Order::finalizing);

      assertThat(store.order(order.id())).contains(finalizing);
      assertThat(store.orders()).containsExactly(finalizing);
      store.clear();
      assertThat(store.order(order.id())).isEmpty();
      assertThat(store.account(account.id())).isEmpty();
      assertThat(store.orders()).isEmpty();
    }
    try (MvStore store = MvStore.open(file)) {
      assertThat(store.order(order.id())).isEmpty();
    }
  }

  @Test
  void writesAreCommittedWithoutAClose() throws Exception {
    Path file = dir.resolve("state.mv.db");
    Account account = account();
    MvStore store = MvStore.open(file);
    store.saveAccount(account);
    // What a kill -9 leaves: the file as committed, opened by a copy (the original stays locked).
    Path copy = dir.resolve("copy.mv.db");
    Files.copy(file, copy);

    try (MvStore reopened = MvStore.open(copy)) {
      assertThat(reopened.account(account.id())).contains(account);
    } finally {
      store.close();
    }
  }

  @Test
  void ordersOfAnAccountKeepTheirOrderAcrossReopening() {
    Path file = dir.resolve("state.mv.db");
    Account account = account();
    List<String> ids;
    try (MvStore store = MvStore.open(file)) {
      store.saveAccount(account);
      for (int i = 0; i < 12; i++) {
        store.saveOrder(order(account, authorization(account)));
      }
      store.saveOrder(order(account(), authorization(account)));
      ids = store.orderIds(account.id());
    }
    try (MvStore store = MvStore.open(file)) {
      assertThat(store.orderIds(account.id())).hasSize(12).isEqualTo(ids);
    }
  }

  @Test
  void keyChangeMovesTheKeyIndex() {
    try (MvStore store = MvStore.open(dir.resolve("state.mv.db"))) {
      Account account = account();
      store.saveAccount(account);
      Account rolled = account.withKey(jwk());
      store.saveAccount(rolled);

      assertThat(store.accountByThumbprint(account.key().thumbprint())).isEmpty();
      assertThat(store.accountByThumbprint(rolled.key().thumbprint())).contains(rolled);
    }
  }

  @Test
  void concurrentUpdatesOfOneRecordApplyOneAtATime() throws Exception {
    try (MvStore store = MvStore.open(dir.resolve("state.mv.db"))) {
      Account account = account();
      CertificateRecord certificate = certificate(account, order(account, authorization(account)));
      store.saveCertificate(certificate);
      AtomicInteger revocations = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> done =
          java.util.stream.IntStream.range(0, 32)
              .mapToObj(
                  i ->
                      pool.submit(
                          () ->
                              store.updateCertificate(
                                  certificate.serial(),
                                  c -> {
                                    if (c.isRevoked()) {
                                      return c;
                                    }
                                    revocations.incrementAndGet();
                                    return c.revoked(NOW, i);
                                  })))
              .<Future<?>>map(f -> f)
              .toList();
      for (Future<?> f : done) {
        f.get(10, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(revocations).hasValue(1);
      assertThat(store.certificate(certificate.serial()).orElseThrow().isRevoked()).isTrue();
    }
  }

  @Test
  void corruptFileIsAnErrorNamingItAndIsLeftAsItWas() throws Exception {
    Path file = dir.resolve("state.mv.db");
    try (MvStore store = MvStore.open(file)) {
      store.saveAccount(account());
    }
    byte[] bytes = Files.readAllBytes(file);
    for (int i = 0; i < bytes.length; i += 7) {
      bytes[i] ^= 0x5a;
    }
    Files.write(file, bytes);

    assertThatThrownBy(() -> MvStore.open(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("cannot be read")
        .hasMessageContaining("does not reset it");
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
  }

  @Test
  void fileThatIsNotAnMvStoreIsAnError() throws Exception {
    Path file = dir.resolve("state.mv.db");
    Files.writeString(file, "certainly not a database\n".repeat(500), StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> MvStore.open(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void anotherProgramsMvStoreIsRefused() {
    Path file = dir.resolve("state.mv.db");
    MVStore foreign = MVStore.open(file.toString());
    foreign.openMap("customers").put("1", "Alice");
    foreign.close();

    assertThatThrownBy(() -> MvStore.open(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not LocalAcme's");
  }

  @Test
  void secondOpenWhileInUseSaysSo() {
    Path file = dir.resolve("state.mv.db");
    try (MvStore first = MvStore.open(file)) {
      assertThatThrownBy(() -> MvStore.open(file))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use");
    }
  }

  static Account account() {
    return Account.create(jwk(), List.of("mailto:dev@example.test"), true, null, NOW);
  }

  static Authorization authorization(Account account) {
    return new Authorization(
        Ids.random(),
        account.id(),
        Identifier.dns("app.test"),
        false,
        Status.PENDING,
        NOW.plusSeconds(3600),
        List.of(Challenge.pending(Ids.random(), "http-01", Ids.random())));
  }

  static Order order(Account account, Authorization authz) {
    return new Order(
        Ids.random(),
        account.id(),
        List.of(Identifier.dns("app.test")),
        List.of(authz.id()),
        null,
        null,
        NOW.plusSeconds(3600),
        NOW,
        null,
        null,
        false,
        null,
        null);
  }

  static CertificateRecord certificate(Account account, Order order) {
    return new CertificateRecord(
        CertificateRecord.serialId(Ids.serial()),
        account.id(),
        order.id(),
        new byte[] {48, 3, 2, 1, 1},
        order.identifiers(),
        NOW,
        NOW.plusSeconds(86400),
        null,
        null);
  }

  static Jwk jwk() {
    return Jwk.of(KeyPairs.ec().getPublic());
  }
}
