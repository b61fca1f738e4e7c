package dev.localacme.server.internal.management;

import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.internal.http.Response;
import dev.localacme.server.internal.http.Responses;
import dev.localacme.server.internal.http.Urls;
import dev.localacme.server.internal.protocol.AcmeProblem;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.function.Function;

/**
 * {@code /roots/N} and {@code /intermediates/N} (Pebble): the PEM of chain N's root or leaf-signing
 * intermediate, with {@code Link rel="alternate"} to the same certificate of every other chain.
 */
final class CaCertificateHandler implements HttpHandler {
  private static final String PEM = "application/pem-certificate-chain; charset=utf-8";

  private final CertificateAuthority ca;
  private final String template;
  private final Function<CertificateAuthority.Chain, X509Certificate> pick;

  CaCertificateHandler(
      CertificateAuthority ca,
      String template,
      Function<CertificateAuthority.Chain, X509Certificate> pick) {
    this.ca = ca;
    this.template = template;
    this.pick = pick;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    int n = chainIndex(ca, Exchanges.param(exchange, "n"));
    String body = Pem.certificate(pick.apply(ca.chains().get(n)));
    Response response = Response.bytes(200, body.getBytes(StandardCharsets.US_ASCII), PEM);
    Urls urls = Urls.of(exchange);
    for (int other = 0; other < ca.chains().size(); other++) {
      if (other != n) {
        response = response.withLink(urls.of(template, Integer.toString(other)), "alternate");
      }
    }
    Responses.send(exchange, response);
  }

  /** The chain a path names; anything else is Pebble's 404. */
  static int chainIndex(CertificateAuthority ca, String value) {
    int size = ca.chains().size();
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
