package dev.localacme.server.internal.domain;

import dev.localacme.server.internal.ca.PermittedNames;
import dev.localacme.server.internal.protocol.Identifier;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Refuses identifiers outside the root's name constraints (RFC 5280 section 4.2.1.10) at newOrder,
 * where the client can still be told why, instead of issuing a certificate no client would accept.
 */
public final class NameConstraintPolicy implements IdentifierPolicy {
  private final PermittedNames permitted;

  private NameConstraintPolicy(PermittedNames permitted) {
    this.permitted = permitted;
  }

  /** The policy of a root: its constraints, or none if it has none. */
  public static IdentifierPolicy of(X509Certificate root) {
    return PermittedNames.of(root)
        .<IdentifierPolicy>map(NameConstraintPolicy::new)
        .orElse(IdentifierPolicy.ALLOW_ALL);
  }

  @Override
  public Optional<String> refusal(Identifier identifier) {
    if (permitted.permits(identifier)) {
      return Optional.empty();
    }
    String name = identifier.isIp() ? identifier.value() : identifier.baseName();
    return Optional.of(
        identifier.value()
            + " is outside this CA's name constraints: its root may only certify "
            + permitted.describe()
            + ", so that trusting it cannot enable interception of real sites. To certify "
            + identifier.value()
            + ", start LocalAcme with --allow-domain "
            + name
            + " and a new --data-dir (the constraints are signed into the root), or with"
            + " --unconstrained-root");
  }
}
