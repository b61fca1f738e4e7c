package dev.localacme.server.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The account object (RFC 8555 section 7.1.2). */
public record AccountJson(
    Status status,
    List<String> contact,
    Boolean termsOfServiceAgreed,
    JsonNode externalAccountBinding,
    String orders,
    String createdAt) {}
