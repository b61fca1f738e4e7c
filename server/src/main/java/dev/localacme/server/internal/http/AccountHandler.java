package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Accounts;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.Requests;
import dev.localacme.server.internal.state.Account;

/**
 * The account resource (RFC 8555 sections 7.3.2, 7.3.6): POST-as-GET fetches it; a JSON object
 * updates the contacts or deactivates it ({@code {}} is a no-op that returns it, as dehydrated
 * expects).
 */
final class AccountHandler implements JwsHandler.Operation {
  private final Accounts accounts;

  AccountHandler(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public Response handle(AcmeRequest request) {
    Account account = request.account();
    if (!account.id().equals(request.param("id"))) {
      throw AcmeProblem.unauthorized(
          "the request is signed by another account than " + request.url());
    }
    if (!request.isPostAsGet()) {
      account = accounts.update(account, request.payload(Requests.AccountUpdate.class));
    }
    return Response.ok(Views.account(account, request.urls()))
        .withLocation(request.urls().of(AcmeRoutes.ACCOUNT, account.id()));
  }
}
