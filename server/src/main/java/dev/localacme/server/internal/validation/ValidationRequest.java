package dev.localacme.server.internal.validation;

import dev.localacme.server.internal.protocol.Identifier;

/**
 * What to validate: the authorization's identifier (never a wildcard; its base name), the challenge
 * token, and the key authorization built from the account's current key (RFC 8555 section 8.1).
 */
public record ValidationRequest(
    Identifier identifier,
    String challengeType,
    String token,
    String keyAuthorization,
    String accountId) {}
