package dev.localacme.server.internal.management;

import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.internal.http.ProblemHandler;
import dev.localacme.server.internal.http.Response;
import dev.localacme.server.internal.http.Responses;
import dev.localacme.server.internal.http.Router;
import dev.localacme.server.internal.http.Urls;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.Times;
import dev.localacme.server.internal.state.CertificateRecord;
import dev.localacme.server.internal.state.Store;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.function.Function;

/**
 * The management API's routing table, Pebble-compatible (Pebble's {@code wfe.ManagementHandler}):
 * {@code /roots/N}, {@code /intermediates/N} and {@code /cert-status-by-serial/<hex>}.
 */
public final class ManagementRoutes {
  public static final String ROOTS = "/roots/{n}";
  public static final String INTERMEDIATES = "/intermediates/{n}";
  public static final String CERT_STATUS = "/cert-status-by-serial/{serial}";
  private static final String PEM = "application/pem-certificate-chain; charset=utf-8";

  private ManagementRoutes() {}

  public static HttpHandler handler(CertificateAuthority ca, Store store) {
    Router router =
        new Router(ROOTS.replace("{n}", "0"))
            .get(ROOTS, pem(ca, ROOTS, chain -> chain.root().certificate()))
            .get(
                INTERMEDIATES,
                pem(ca, INTERMEDIATES, chain -> chain.intermediates().get(0).certificate()))
            .get(
                CERT_STATUS,
                exchange -> Responses.send(exchange, certStatus(store, param(exchange, "serial"))));
    return new BlockingHandler(new ProblemHandler(router));
  }

  private static HttpHandler pem(
      CertificateAuthority ca,
      String template,
      Function<CertificateAuthority.Chain, X509Certificate> pick) {
    return exchange -> {
      int n = index(param(exchange, "n"), ca.chains().size());
      String body = Pem.certificate(pick.apply(ca.chains().get(n)));
      Response response = Response.bytes(200, body.getBytes(StandardCharsets.US_ASCII), PEM);
      Urls urls = Urls.of(exchange);
      for (int other = 0; other < ca.chains().size(); other++) {
        if (other != n) {
          response = response.withLink(urls.of(template, Integer.toString(other)), "alternate");
        }
      }
      Responses.send(exchange, response);
    };
  }

  private static Response certStatus(Store store, String serialHex) {
    String serial = serialHex.toLowerCase(Locale.ROOT).replaceFirst("^0+(?=.)", "");
    if (!serial.matches("[0-9a-f]+")) {
      throw AcmeProblem.malformed("\"" + serialHex + "\" is not a hexadecimal serial number");
    }
    CertificateRecord record =
        store
            .certificate(serial)
            .orElseThrow(() -> AcmeProblem.notFound("no certificate with serial " + serialHex));
    String pem = Pem.encode("CERTIFICATE", record.der());
    return Response.ok(
        new CertStatusJson(
            record.isRevoked() ? "Revoked" : "Valid",
            record.serial(),
            pem,
            record.revocationReason(),
            Times.format(record.revokedAt())));
  }

  private static String param(HttpServerExchange exchange, String name) {
    return exchange.getAttachment(Router.PARAMS).get(name);
  }

  private static int index(String value, int size) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 0 && n < size) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the 404
    }
    throw AcmeProblem.notFound(
        "there are " + size + " chains, numbered from 0; \"" + value + "\" is not one of them");
  }
}
