package dev.localacme.server.internal.protocol;

import java.util.List;

/**
 * The challenge object (RFC 8555 section 7.1.5, section 8). {@code validationRecord} follows
 * Boulder: what the validator saw, so failures explain themselves.
 */
public record ChallengeJson(
    String type,
    String url,
    Status status,
    String token,
    String validated,
    ProblemJson error,
    List<ValidationRecordJson> validationRecord) {}
