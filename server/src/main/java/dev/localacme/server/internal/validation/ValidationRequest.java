package dev.localacme.server.internal.validation;

import dev.localacme.server.internal.protocol.Identifier;

/**
 * What to validate: the authorization's identifier (never a wildcard; its base name, with {@code
 * wildcard} set for a wildcard order), the challenge token, the key authorization built from the
 * account's current key (RFC 8555 section 8.1), and the account's URL as its client knows it (for
 * CAA {@code accounturi}, RFC 8657 section 3).
 */
public record ValidationRequest(
    Identifier identifier,
    boolean wildcard,
    String challengeType,
    String token,
    String keyAuthorization,
    String accountId,
    String accountUrl) {}
