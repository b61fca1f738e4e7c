package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Orders;
import dev.localacme.server.internal.protocol.Requests;
import dev.localacme.server.internal.state.Authorization;
import java.time.Clock;

/** newAuthz, pre-authorization (RFC 8555 section 7.4.1): 201 with the authorization's URL. */
final class NewAuthzHandler implements JwsHandler.Operation {
  private final Orders orders;
  private final Clock clock;

  NewAuthzHandler(Orders orders, Clock clock) {
    this.orders = orders;
    this.clock = clock;
  }

  @Override
  public Response handle(AcmeRequest request) {
    Requests.NewAuthz payload = request.payload(Requests.NewAuthz.class);
    Authorization authz = orders.preauthorize(request.account(), payload.identifier());
    return Response.json(201, Views.authorization(authz, clock.instant(), request.urls()))
        .withLocation(request.urls().of(AcmeRoutes.AUTHORIZATION, authz.id()));
  }
}
