package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Accounts;
import dev.localacme.server.internal.protocol.Requests;

/** newAccount (RFC 8555 section 7.3): 201 for a new account, 200 for the key's existing one. */
final class NewAccountHandler implements JwsHandler.Operation {
  private final Accounts accounts;
  private final ExternalAccountBinding binding;

  NewAccountHandler(Accounts accounts, ExternalAccountBinding binding) {
    this.accounts = accounts;
    this.binding = binding;
  }

  @Override
  public Response handle(AcmeRequest request) {
    Requests.NewAccount payload = request.payload(Requests.NewAccount.class);
    Accounts.Registration registration =
        accounts.register(
            request.key(),
            payload,
            () -> binding.verify(request, payload.externalAccountBinding()));
    String url = request.urls().of(AcmeRoutes.ACCOUNT, registration.account().id());
    return Response.json(
            registration.created() ? 201 : 200,
            Views.account(registration.account(), request.urls()))
        .withLocation(url);
  }
}
