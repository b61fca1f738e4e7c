package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Accounts;
import dev.localacme.server.internal.domain.Authorizations;
import dev.localacme.server.internal.domain.Certificates;
import dev.localacme.server.internal.domain.Orders;
import dev.localacme.server.internal.domain.Renewals;
import dev.localacme.server.internal.domain.Revocations;
import dev.localacme.server.internal.http.RequestVerifier.Signer;
import dev.localacme.server.internal.jose.NonceStore;
import dev.localacme.server.internal.protocol.DirectoryJson;
import dev.localacme.server.internal.state.Store;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The routing table of the ACME API: every resource of RFC 8555 section 7.1, top to bottom. This
 * class is the only place that knows the URL paths.
 */
public final class AcmeRoutes {
  public static final String DIRECTORY = "/dir";
  public static final String DIRECTORY_ALIAS = "/directory";
  public static final String NEW_NONCE = "/acme/new-nonce";
  public static final String NEW_ACCOUNT = "/acme/new-account";
  public static final String ACCOUNT = "/acme/acct/{id}";
  public static final String ORDERS = "/acme/acct/{id}/orders";
  public static final String KEY_CHANGE = "/acme/key-change";
  public static final String NEW_ORDER = "/acme/new-order";
  public static final String NEW_AUTHZ = "/acme/new-authz";
  public static final String ORDER = "/acme/order/{id}";
  public static final String FINALIZE = "/acme/order/{id}/finalize";
  public static final String AUTHORIZATION = "/acme/authz/{id}";
  public static final String CHALLENGE = "/acme/chall/{authz}/{id}";
  public static final String CERTIFICATE = "/acme/cert/{serial}";
  public static final String CERTIFICATE_CHAIN = "/acme/cert/{serial}/{chain}";
  public static final String REVOKE_CERT = "/acme/revoke-cert";
  public static final String RENEWAL_INFO = "/acme/renewal-info";
  public static final String RENEWAL_INFO_CERT = "/acme/renewal-info/{certId}";

  private AcmeRoutes() {}

  /** What the handlers work with. */
  public record Api(
      Store store,
      NonceStore nonces,
      Accounts accounts,
      Orders orders,
      Authorizations authorizations,
      Certificates certificates,
      Revocations revocations,
      Renewals renewals,
      ExternalAccountBinding externalAccountBinding,
      Supplier<DirectoryJson.Meta> directoryMeta,
      int ordersPerPage,
      Duration validationGrace,
      Clock clock) {}

  static boolean isDirectory(String path) {
    return DIRECTORY.equals(path) || DIRECTORY_ALIAS.equals(path);
  }

  /**
   * The whole API as one handler. Work is dispatched once, at the root, to Undertow's worker
   * threads: handlers read bodies with blocking streams and verify signatures, which must never run
   * on an I/O thread.
   */
  public static HttpHandler handler(Api api) {
    RequestVerifier verifier = new RequestVerifier(api.store(), api.nonces());
    DirectoryHandler directory = new DirectoryHandler(api.directoryMeta());
    Router router =
        new Router(DIRECTORY)
            .get(DIRECTORY, directory)
            .get(DIRECTORY_ALIAS, directory)
            .get(NEW_NONCE, new NewNonceHandler())
            .post(
                NEW_ACCOUNT,
                jws(
                    verifier,
                    Signer.KEY,
                    new NewAccountHandler(api.accounts(), api.externalAccountBinding())))
            .post(ACCOUNT, jws(verifier, Signer.ACCOUNT, new AccountHandler(api.accounts())))
            .post(
                ORDERS,
                jws(
                    verifier,
                    Signer.ACCOUNT,
                    new OrdersListHandler(api.orders(), api.ordersPerPage())))
            .post(KEY_CHANGE, jws(verifier, Signer.ACCOUNT, new KeyChangeHandler(api.accounts())))
            .post(NEW_ORDER, jws(verifier, Signer.ACCOUNT, new NewOrderHandler(api.orders())))
            .post(
                NEW_AUTHZ,
                jws(verifier, Signer.ACCOUNT, new NewAuthzHandler(api.orders(), api.clock())))
            .post(ORDER, jws(verifier, Signer.ACCOUNT, new OrderHandler(api.orders())))
            .post(
                FINALIZE,
                jws(
                    verifier,
                    Signer.ACCOUNT,
                    new FinalizeHandler(api.certificates(), api.orders())))
            .post(
                AUTHORIZATION,
                jws(
                    verifier,
                    Signer.ACCOUNT,
                    new AuthorizationHandler(api.authorizations(), api.clock())))
            .post(
                CHALLENGE,
                jws(
                    verifier,
                    Signer.ACCOUNT,
                    new ChallengeHandler(api.authorizations(), api.validationGrace())))
            .post(
                CERTIFICATE,
                jws(verifier, Signer.ACCOUNT, new CertificateHandler(api.certificates())))
            .post(
                CERTIFICATE_CHAIN,
                jws(verifier, Signer.ACCOUNT, new CertificateHandler(api.certificates())))
            .post(
                REVOKE_CERT, jws(verifier, Signer.EITHER, new RevokeCertHandler(api.revocations())))
            .get(RENEWAL_INFO_CERT, new RenewalInfoHandler(api.renewals()));
    return new BlockingHandler(new CommonHeaders(api.nonces(), new ProblemHandler(router)));
  }

  private static HttpHandler jws(
      RequestVerifier verifier, Signer signer, JwsHandler.Operation operation) {
    return new JwsHandler(verifier, signer, operation);
  }
}
