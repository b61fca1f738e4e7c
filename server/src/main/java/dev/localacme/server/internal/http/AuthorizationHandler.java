package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Authorizations;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.Requests;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.internal.state.Authorization;
import java.time.Clock;

/**
 * The authorization resource (RFC 8555 sections 7.5, 7.5.2): POST-as-GET fetches it, {@code
 * {"status":"deactivated"}} deactivates it.
 */
final class AuthorizationHandler implements JwsHandler.Operation {
  private final Authorizations authorizations;
  private final Clock clock;

  AuthorizationHandler(Authorizations authorizations, Clock clock) {
    this.authorizations = authorizations;
    this.clock = clock;
  }

  @Override
  public Response handle(AcmeRequest request) {
    String id = request.param("id");
    Authorization authz;
    if (request.isPostAsGet()) {
      authz =
          authorizations.fetch(
              request.account(), id, request.urls().of(AcmeRoutes.ACCOUNT, request.account().id()));
    } else {
      Requests.AuthorizationUpdate update = request.payload(Requests.AuthorizationUpdate.class);
      if (update.status() == null) {
        authz = authorizations.owned(request.account(), id);
      } else if ("deactivated".equals(update.status())) {
        authz = authorizations.deactivate(request.account(), id);
      } else {
        throw AcmeProblem.malformed(
            "an authorization's status can only be set to \"deactivated\", not \""
                + update.status()
                + "\"");
      }
    }
    Response response =
        Response.ok(Views.authorization(authz, clock.instant(), request.urls()))
            .withLocation(request.urls().of(AcmeRoutes.AUTHORIZATION, id));
    boolean processing = authz.challenges().stream().anyMatch(c -> c.status() == Status.PROCESSING);
    return processing ? response.withRetryAfter(Response.POLL_SECONDS) : response;
  }
}
