package dev.localacme.server.internal.jose;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Anti-replay nonces (RFC 8555 section 6.5): 128 random bits each, single use, held in a bounded
 * store that forgets the oldest first, and valid for a limited time by the server's clock.
 */
public final class NonceStore {
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration lifetime;
  private final int capacity;
  private final int rejectPercent;
  private final LinkedHashMap<String, Long> live;

  /**
   * @param rejectPercent share of otherwise valid nonces to reject, for chaos testing as Pebble's
   *     {@code PEBBLE_WFE_NONCEREJECT}; 0 by default
   */
  public NonceStore(Clock clock, Duration lifetime, int capacity, int rejectPercent) {
    this.clock = clock;
    this.lifetime = lifetime;
    this.capacity = capacity;
    this.rejectPercent = rejectPercent;
    this.live =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > NonceStore.this.capacity;
          }
        };
  }

  /** A fresh nonce. */
  public String issue() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String nonce = Base64Url.encode(bytes);
    long expiresAt = clock.millis() + lifetime.toMillis();
    synchronized (live) {
      live.put(nonce, expiresAt);
    }
    return nonce;
  }

  /** Uses up a nonce; true if it was issued here, unused and unexpired. */
  public boolean consume(String nonce) {
    Long expiresAt;
    synchronized (live) {
      expiresAt = live.remove(nonce);
    }
    if (expiresAt == null || expiresAt < clock.millis()) {
      return false;
    }
    return rejectPercent <= 0 || ThreadLocalRandom.current().nextInt(100) >= rejectPercent;
  }
}
