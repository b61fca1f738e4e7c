package dev.localacme.server.internal.protocol;

import java.util.List;

/** The orders list of an account (RFC 8555 section 7.1.2.1). */
public record OrdersListJson(List<String> orders) {}
