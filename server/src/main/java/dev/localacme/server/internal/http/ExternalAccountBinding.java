package dev.localacme.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localacme.server.internal.domain.ExternalAccountKeys;
import java.util.Optional;

/**
 * Checks the {@code externalAccountBinding} of a newAccount request (RFC 8555 section 7.3.4).
 * Returns the binding to echo when it was verified, or empty; a bad or missing binding where one is
 * required is a problem.
 */
@FunctionalInterface
public interface ExternalAccountBinding {
  Optional<String> verify(AcmeRequest request, JsonNode binding);

  /** No EAB: a binding sent anyway is not verified, so it is not reflected either. */
  ExternalAccountBinding NONE = (request, binding) -> Optional.empty();

  /** Checks bindings against these keys, and requires one when the keys say so. */
  static ExternalAccountBinding checking(ExternalAccountKeys keys) {
    return new EabVerifier(keys);
  }
}
