package dev.localacme.server.internal.management;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Pebble's {@code /cert-status-by-serial} answer, with Pebble's capitalized keys. */
record CertStatusJson(
    @JsonProperty("Status") String status,
    @JsonProperty("Serial") String serial,
    @JsonProperty("Certificate") String certificate,
    @JsonProperty("Reason") Integer reason,
    @JsonProperty("RevokedAt") String revokedAt) {}
