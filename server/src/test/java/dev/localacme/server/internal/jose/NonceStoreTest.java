package dev.localacme.server.internal.jose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NonceStoreTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

  @Test
  void nonceIsGoodExactlyOnce() {
    NonceStore store = new NonceStore(clock, Duration.ofMinutes(5), 10, 0);
    String nonce = store.issue();
    assertThat(nonce).matches("[A-Za-z0-9_-]{22}");
    assertThat(store.consume(nonce)).isTrue();
    assertThat(store.consume(nonce)).isFalse();
    assertThat(store.consume("never-issued")).isFalse();
  }

  @Test
  void nonceExpiresByTheServersClock() {
    NonceStore store = new NonceStore(clock, Duration.ofMinutes(5), 10, 0);
    String nonce = store.issue();
    clock.advance(Duration.ofMinutes(6));
    assertThat(store.consume(nonce)).isFalse();
  }

  @Test
  void storeForgetsTheOldestBeyondItsCapacity() {
    NonceStore store = new NonceStore(clock, Duration.ofMinutes(5), 3, 0);
    String oldest = store.issue();
    String second = store.issue();
    store.issue();
    store.issue();
    assertThat(store.consume(oldest)).isFalse();
    assertThat(store.consume(second)).isTrue();
  }

  @Test
  void noncesAreUnique() {
    NonceStore store = new NonceStore(clock, Duration.ofMinutes(5), 100_000, 0);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      assertThat(seen.add(store.issue())).isTrue();
    }
  }

  @Test
  void rejectionShareRejectsRoughlyThatShare() {
    NonceStore store = new NonceStore(clock, Duration.ofMinutes(5), 10_000, 50);
    int accepted = 0;
    for (int i = 0; i < 2_000; i++) {
      accepted += store.consume(store.issue()) ? 1 : 0;
    }
    assertThat(accepted).isBetween(800, 1_200);
  }
}
