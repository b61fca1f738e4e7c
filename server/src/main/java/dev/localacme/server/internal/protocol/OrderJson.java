package dev.localacme.server.internal.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The order object (RFC 8555 section 7.1.3, RFC 9773 section 5, profiles draft section 4). */
public record OrderJson(
    Status status,
    String expires,
    List<Identifier> identifiers,
    String notBefore,
    String notAfter,
    ProblemJson error,
    List<String> authorizations,
    @JsonProperty("finalize") String finalizeUrl,
    String certificate,
    String profile,
    String replaces) {}
