package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Accounts;
import dev.localacme.server.internal.jose.FlattenedJws;
import dev.localacme.server.internal.jose.Jwk;
import dev.localacme.server.internal.jose.JwsVerifier;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.Json;
import dev.localacme.server.internal.protocol.Requests;
import dev.localacme.server.internal.state.Account;

/**
 * keyChange (RFC 8555 section 7.3.5): the outer JWS is the account's; the inner one is signed by
 * the new key over {@code {account, oldKey}}, with the same {@code url} and no nonce.
 */
final class KeyChangeHandler implements JwsHandler.Operation {
  private final Accounts accounts;

  KeyChangeHandler(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public Response handle(AcmeRequest request) {
    Account account = request.account();
    FlattenedJws inner = FlattenedJws.parse(request.payloadObject(), "the inner JWS");
    if (!inner.header().has("jwk") || inner.header().has("kid")) {
      throw AcmeProblem.malformed("the inner JWS must be signed with \"jwk\", the new key");
    }
    if (inner.header().has("nonce")) {
      throw AcmeProblem.malformed("the inner JWS must not have a nonce");
    }
    String innerUrl = inner.headerText("url").orElse(null);
    if (!request.url().equals(innerUrl)) {
      throw AcmeProblem.malformed(
          "the inner JWS url \""
              + innerUrl
              + "\" must equal the outer url \""
              + request.url()
              + "\"");
    }
    Jwk newKey = Jwk.parse(inner.header().get("jwk"));
    JwsVerifier.verify(inner, newKey);
    Requests.KeyChange payload =
        Json.bind(
            Json.readObject(inner.payload(), "the inner payload"),
            Requests.KeyChange.class,
            "the inner payload");
    String accountUrl = request.urls().of(AcmeRoutes.ACCOUNT, account.id());
    if (!accountUrl.equals(payload.account())) {
      throw AcmeProblem.unauthorized(
          "the inner payload's account \""
              + payload.account()
              + "\" is not the signer, "
              + accountUrl);
    }
    if (payload.oldKey() == null || !Jwk.parse(payload.oldKey()).equals(account.key())) {
      throw AcmeProblem.unauthorized("the inner payload's oldKey is not the account's current key");
    }
    Account updated =
        accounts.changeKey(account, newKey, request.urls().of(AcmeRoutes.ACCOUNT, ""));
    return Response.ok(Views.account(updated, request.urls())).withLocation(accountUrl);
  }
}
