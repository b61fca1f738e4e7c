package dev.localacme.server.internal.domain;

import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.internal.state.Account;
import dev.localacme.server.internal.state.Authorization;
import dev.localacme.server.internal.state.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which valid authorization of an account a new order may reuse (RFC 8555 section 7.1.3): always a
 * pre-authorization (section 7.4.1), and another one by chance, {@code percent} of the time per
 * identifier, as Pebble's {@code PEBBLE_AUTHZREUSE}.
 */
final class AuthorizationReuse {
  private final Store store;
  private final Clock clock;
  private final int percent;

  AuthorizationReuse(Store store, Clock clock, int percent) {
    this.store = store;
    this.clock = clock;
    this.percent = percent;
  }

  /** The newest reusable authorization for {@code identifier} as ordered (wildcards included). */
  Optional<Authorization> find(Account account, Identifier identifier) {
    boolean lucky = percent > 0 && ThreadLocalRandom.current().nextInt(100) < percent;
    Instant now = clock.instant();
    List<String> ids = store.authorizationIds(account.id());
    for (int i = ids.size() - 1; i >= 0; i--) {
      Optional<Authorization> candidate = store.authorization(ids.get(i));
      if (candidate.isPresent()
          && (lucky || candidate.get().preauthorized())
          && covers(candidate.get(), identifier, now)) {
        return candidate;
      }
    }
    return Optional.empty();
  }

  private static boolean covers(Authorization authz, Identifier identifier, Instant now) {
    return authz.status(now) == Status.VALID
        && authz.wildcard() == identifier.isWildcard()
        && authz.identifier().type().equals(identifier.type())
        && authz.identifier().normalized().equals(identifier.baseName());
  }
}
