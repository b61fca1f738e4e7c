package dev.localacme.server.internal.domain;

import dev.localacme.server.internal.protocol.Identifier;
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
}
