package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Accounts;
import dev.localacme.server.internal.jose.Base64Url;
import dev.localacme.server.internal.jose.FlattenedJws;
import dev.localacme.server.internal.jose.Jwk;
import dev.localacme.server.internal.jose.JwsVerifier;
import dev.localacme.server.internal.jose.NonceStore;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.ProblemType;
import dev.localacme.server.internal.state.Account;
import dev.localacme.server.internal.state.Store;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every JWS-signed POST in the order Boulder does (RFC 8555 sections 6.2 to 6.5): content
 * type, structure, algorithm, nonce, url, exactly one of jwk and kid, the account, the signature.
 */
public final class RequestVerifier {
  static final int MAX_BODY = 64 * 1024;

  /** Which key a request must be signed with. */
  public enum Signer {
    /** {@code kid}: the account URL (most requests). */
    ACCOUNT,
    /** {@code jwk}: newAccount. */
    KEY,
    /** Either: revokeCert, which the certificate's own key may sign. */
    EITHER
  }

  private final Store store;
  private final NonceStore nonces;

  public RequestVerifier(Store store, NonceStore nonces) {
    this.store = store;
    this.nonces = nonces;
  }

  public AcmeRequest verify(HttpServerExchange exchange, Signer signer) throws IOException {
    checkContentType(exchange);
    if (exchange.getRequestHeaders().contains(CommonHeaders.REPLAY_NONCE)) {
      throw AcmeProblem.malformed(
          "send the nonce in the JWS protected header, not as a Replay-Nonce request header");
    }
    byte[] body = exchange.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw AcmeProblem.malformed("the request body is larger than " + MAX_BODY + " bytes")
          .withStatus(413);
    }
    FlattenedJws jws = FlattenedJws.parse(body);
    JwsVerifier.algorithm(jws);
    checkNonce(jws);
    Urls urls = Urls.of(exchange);
    String url = urls.request(exchange);
    String claimed =
        jws.headerText("url").orElseThrow(() -> AcmeProblem.malformed("JWS header has no \"url\""));
    if (!claimed.equals(url)) {
      throw AcmeProblem.unauthorized(
          "JWS header url \""
              + claimed
              + "\" is not the URL requested, \""
              + url
              + "\" (RFC 8555 section 6.4)");
    }
    boolean hasJwk = jws.header().has("jwk");
    Optional<String> kid = jws.headerText("kid");
    if (hasJwk == kid.isPresent()) {
      throw AcmeProblem.malformed("the JWS header must have exactly one of \"jwk\" and \"kid\"");
    }
    if (signer == Signer.ACCOUNT && hasJwk) {
      throw AcmeProblem.malformed(
          "this request must be signed with \"kid\" set to your account URL, not with \"jwk\"");
    }
    if (signer == Signer.KEY && !hasJwk) {
      throw AcmeProblem.malformed("newAccount must be signed with \"jwk\", not \"kid\"");
    }
    Optional<Account> account = kid.map(k -> account(urls, k));
    Jwk key = account.map(Account::key).orElseGet(() -> Jwk.parse(jws.header().get("jwk")));
    JwsVerifier.verify(jws, key);
    Map<String, String> params = exchange.getAttachment(Router.PARAMS);
    return new AcmeRequest(urls, url, params == null ? Map.of() : params, jws, key, account);
  }

  private static void checkContentType(HttpServerExchange exchange) {
    String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    String base = type == null ? "" : type.split(";", 2)[0].trim();
    if (!base.equalsIgnoreCase("application/jose+json")) {
      throw AcmeProblem.malformed(
              "requests must have Content-Type application/jose+json, not "
                  + (type == null ? "none" : "\"" + type + "\"")
                  + " (RFC 8555 section 6.2)")
          .withStatus(415);
    }
  }

  private void checkNonce(FlattenedJws jws) {
    Optional<String> nonce = jws.headerText("nonce");
    if (nonce.isEmpty()) {
      throw AcmeProblem.of(ProblemType.BAD_NONCE, "JWS has no anti-replay nonce");
    }
    if (!Base64Url.isValid(nonce.get()) || !nonces.consume(nonce.get())) {
      // acme.sh retries only on this wording.
      throw AcmeProblem.of(
          ProblemType.BAD_NONCE,
          "JWS has an invalid anti-replay nonce: \""
              + nonce.get()
              + "\"; fetch a fresh one from newNonce");
    }
  }

  private Account account(Urls urls, String kid) {
    String prefix = urls.of(AcmeRoutes.ACCOUNT, "");
    if (!kid.startsWith(prefix) || kid.length() == prefix.length()) {
      throw AcmeProblem.of(
          ProblemType.ACCOUNT_DOES_NOT_EXIST,
          "kid \""
              + kid
              + "\" is not an account URL of this server (they start with "
              + prefix
              + ")");
    }
    String id = kid.substring(prefix.length());
    Account account =
        store
            .account(id)
            .orElseThrow(
                () -> AcmeProblem.of(ProblemType.ACCOUNT_DOES_NOT_EXIST, "no account at " + kid));
    return Accounts.requireValid(account);
  }
}
