package dev.localacme.server.internal.management;

import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.domain.ExternalAccountKeys;
import dev.localacme.server.internal.domain.Inspection;
import dev.localacme.server.internal.domain.Renewals;
import dev.localacme.server.internal.http.ProblemHandler;
import dev.localacme.server.internal.http.Router;
import dev.localacme.server.internal.state.Store;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;

/**
 * The management API's routing table: Pebble's routes with Pebble's shapes first (Pebble's {@code
 * wfe.ManagementHandler}), then LocalAcme's own. The only place that knows their paths.
 */
public final class ManagementRoutes {
  // Pebble's routes.
  public static final String ROOTS = "/roots/{n}";
  public static final String ROOT_KEYS = "/root-keys/{n}";
  public static final String INTERMEDIATES = "/intermediates/{n}";
  public static final String INTERMEDIATE_KEYS = "/intermediate-keys/{n}";
  public static final String CERT_STATUS = "/cert-status-by-serial/{serial}";
  public static final String SET_RENEWAL_INFO = "/set-renewal-info/";
  // LocalAcme's own.
  public static final String ACCOUNTS = "/accounts";
  public static final String ORDERS = "/orders";
  public static final String CERTIFICATES = "/certificates";
  public static final String RENEWAL_WINDOW = "/certificates/{serial}/renewal-window";
  public static final String EAB_KEYS = "/eab-keys";

  private ManagementRoutes() {}

  /** What the management handlers work with. */
  public record Api(
      CertificateAuthority ca,
      Store store,
      Inspection inspection,
      Renewals renewals,
      ExternalAccountKeys externalAccountKeys,
      boolean exposeCaKeys) {}

  public static HttpHandler handler(Api api) {
    CertificateAuthority ca = api.ca();
    HttpHandler setRenewalInfo = new SetRenewalInfoHandler(api.store(), api.renewals());
    Router router =
        new Router(ROOTS.replace("{n}", "0"))
            .get(ROOTS, new CaCertificateHandler(ca, ROOTS, c -> c.root().certificate()))
            .get(ROOT_KEYS, new CaKeyHandler(ca, c -> c.root().key(), api.exposeCaKeys()))
            .get(
                INTERMEDIATES,
                new CaCertificateHandler(
                    ca, INTERMEDIATES, c -> c.intermediates().get(0).certificate()))
            .get(
                INTERMEDIATE_KEYS,
                new CaKeyHandler(ca, c -> c.intermediates().get(0).key(), api.exposeCaKeys()))
            .get(CERT_STATUS, new CertStatusHandler(api.store()))
            .post(SET_RENEWAL_INFO, setRenewalInfo)
            .post(SET_RENEWAL_INFO.substring(0, SET_RENEWAL_INFO.length() - 1), setRenewalInfo)
            .get(ACCOUNTS, new AccountsHandler(api.inspection()))
            .get(ORDERS, new OrdersHandler(api.inspection()))
            .get(CERTIFICATES, new CertificatesHandler(api.inspection(), api.renewals()))
            .post(RENEWAL_WINDOW, new RenewalWindowHandler(api.renewals()))
            .get(EAB_KEYS, new EabKeyListHandler(api.externalAccountKeys()))
            .post(EAB_KEYS, new EabKeyAddHandler(api.externalAccountKeys()));
    return new BlockingHandler(new ProblemHandler(router));
  }
}
