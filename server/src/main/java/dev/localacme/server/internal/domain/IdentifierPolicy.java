package dev.localacme.server.internal.domain;

import dev.localacme.server.internal.protocol.Identifier;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which identifiers this CA is willing to certify. A refusal is a sentence for the client: it
 * becomes a {@code rejectedIdentifier} subproblem.
 */
@FunctionalInterface
public interface IdentifierPolicy {
  /** Empty if the identifier is acceptable, else why not. */
  Optional<String> refusal(Identifier identifier);

  IdentifierPolicy ALLOW_ALL = identifier -> Optional.empty();

  /** This policy's refusal if it has one, else {@code other}'s. */
  default IdentifierPolicy and(IdentifierPolicy other) {
    return identifier -> refusal(identifier).or(() -> other.refusal(identifier));
  }

  /** Refuses these domains and every name below them, as Pebble's {@code domainBlocklist}. */
  static IdentifierPolicy blocking(List<String> domains) {
    List<String> blocked = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    if (blocked.isEmpty()) {
      return ALLOW_ALL;
    }
    return identifier -> {
      if (!identifier.isDns()) {
        return Optional.empty();
      }
      String name = identifier.baseName();
      return blocked.stream()
          .filter(d -> name.equals(d) || name.endsWith("." + d))
          .findFirst()
          .map(
              d ->
                  identifier.value() + " is refused by this server's domain blocklist (" + d + ")");
    };
  }
}
