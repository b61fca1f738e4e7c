package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Crls;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;

/**
 * The routing table of the plain-HTTP listener: CRLs (RFC 5280 section 5), which the CA/B Forum BRs
 * want on {@code http://} and which relying parties fetch without TLS.
 */
public final class CrlRoutes {
  public static final String CRL = "/crl/{name}";
  static final String SUFFIX = ".crl";

  private CrlRoutes() {}

  /** The URL certificates name for the CRL of issuer {@code issuerId}. */
  public static String url(String baseUrl, String issuerId) {
    return new Urls(baseUrl).of(CRL, issuerId + SUFFIX);
  }

  public static HttpHandler handler(Crls crls) {
    Router router = new Router(CRL).get(CRL, new CrlHandler(crls));
    return new BlockingHandler(new ProblemHandler(router));
  }
}
