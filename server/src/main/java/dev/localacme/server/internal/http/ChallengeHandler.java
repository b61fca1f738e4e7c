package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Authorizations;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.internal.state.Authorization;
import dev.localacme.server.internal.state.Challenge;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The challenge resource (RFC 8555 section 7.5.1): POST-as-GET fetches it and never starts
 * validation; any JSON object (normally {@code {}}) says "ready". Validation starts at once, and if
 * it finishes within the grace period the response already carries the final status, so a client
 * that polls on a fixed interval does not wait for nothing.
 */
final class ChallengeHandler implements JwsHandler.Operation {
  private final Authorizations authorizations;
  private final Duration grace;

  ChallengeHandler(Authorizations authorizations, Duration grace) {
    this.authorizations = authorizations;
    this.grace = grace;
  }

  @Override
  public Response handle(AcmeRequest request) throws InterruptedException {
    String authzId = request.param("authz");
    String challengeId = request.param("id");
    String accountUrl = request.urls().of(AcmeRoutes.ACCOUNT, request.account().id());
    Authorization authz = authorizations.fetch(request.account(), authzId, accountUrl);
    authorizations.challenge(authz, challengeId);
    if (!request.isPostAsGet()) {
      // Fields a challenge type does not define are ignored (section 7.5.1, erratum 5729).
      request.payloadObject();
      authz =
          await(authorizations.respond(request.account(), authzId, challengeId, accountUrl), authz);
    }
    Challenge challenge = authorizations.challenge(authz, challengeId);
    Urls urls = request.urls();
    Response response =
        Response.ok(Views.challenge(authz, challenge, urls))
            .withLink(urls.of(AcmeRoutes.AUTHORIZATION, authzId), "up")
            .withLocation(urls.of(AcmeRoutes.CHALLENGE, authzId, challengeId));
    return challenge.status() == Status.PROCESSING
        ? response.withRetryAfter(Response.POLL_SECONDS)
        : response;
  }

  private Authorization await(CompletableFuture<Authorization> validation, Authorization before)
      throws InterruptedException {
    try {
      return validation.get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return authorizations.reload(before);
    } catch (ExecutionException e) {
      throw new IllegalStateException("validation failed unexpectedly", e.getCause());
    }
  }
}
