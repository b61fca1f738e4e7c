package dev.localacme.server.internal.jose;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NonceStoreTest {
  private final MutableClock clock = new MutableClock();

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

  /** A clock a test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2030-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
