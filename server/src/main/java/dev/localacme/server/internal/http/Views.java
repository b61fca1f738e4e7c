package dev.localacme.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localacme.server.internal.protocol.AccountJson;
import dev.localacme.server.internal.protocol.AuthorizationJson;
import dev.localacme.server.internal.protocol.ChallengeJson;
import dev.localacme.server.internal.protocol.Json;
import dev.localacme.server.internal.protocol.OrderJson;
import dev.localacme.server.internal.protocol.ProblemJson;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.internal.protocol.Times;
import dev.localacme.server.internal.state.Account;
import dev.localacme.server.internal.state.Authorization;
import dev.localacme.server.internal.state.Challenge;
import dev.localacme.server.internal.state.Order;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Renders state as the wire objects of RFC 8555 section 7.1, with this request's URLs. */
final class Views {
  private Views() {}

  static AccountJson account(Account account, Urls urls) {
    return new AccountJson(
        account.status(),
        account.contact(),
        account.termsOfServiceAgreed() ? Boolean.TRUE : null,
        binding(account.externalAccountBinding()),
        urls.of(AcmeRoutes.ORDERS, account.id()),
        null);
  }

  static OrderJson order(Order order, Status status, ProblemJson error, Urls urls) {
    return new OrderJson(
        status,
        Times.format(order.expires()),
        order.identifiers(),
        Times.format(order.notBefore()),
        Times.format(order.notAfter()),
        error,
        order.authorizationIds().stream().map(id -> urls.of(AcmeRoutes.AUTHORIZATION, id)).toList(),
        urls.of(AcmeRoutes.FINALIZE, order.id()),
        order.certificateSerial() == null
            ? null
            : urls.of(AcmeRoutes.CERTIFICATE, order.certificateSerial()),
        order.profile(),
        order.replaces());
  }

  static AuthorizationJson authorization(Authorization authz, Instant now, Urls urls) {
    return new AuthorizationJson(
        authz.identifier(),
        authz.status(now),
        Times.format(authz.expires()),
        authz.challenges().stream().map(c -> challenge(authz, c, urls)).toList(),
        authz.wildcard() ? Boolean.TRUE : null);
  }

  static ChallengeJson challenge(Authorization authz, Challenge challenge, Urls urls) {
    return new ChallengeJson(
        challenge.type(),
        urls.of(AcmeRoutes.CHALLENGE, authz.id(), challenge.id()),
        challenge.status(),
        challenge.token(),
        Times.format(challenge.validated()),
        challenge.error(),
        challenge.records().isEmpty() ? null : challenge.records());
  }

  private static JsonNode binding(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
