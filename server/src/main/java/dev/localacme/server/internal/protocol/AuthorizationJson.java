package dev.localacme.server.internal.protocol;

import java.util.List;

/** The authorization object (RFC 8555 section 7.1.4). */
public record AuthorizationJson(
    Identifier identifier,
    Status status,
    String expires,
    List<ChallengeJson> challenges,
    Boolean wildcard) {}
