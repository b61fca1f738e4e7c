package dev.localacme.server.internal.management;

import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.internal.http.Response;
import dev.localacme.server.internal.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.function.Function;

/**
 * {@code /root-keys/N} and {@code /intermediate-keys/N} (Pebble): the private key of chain N's root
 * or leaf-signing intermediate as PEM, PKCS#1 for RSA as Pebble serves it and PKCS#8 for the key
 * types Pebble cannot serve. These CAs are for tests: their keys are no secret.
 */
final class CaKeyHandler implements HttpHandler {
  private final CertificateAuthority ca;
  private final Function<CertificateAuthority.Chain, PrivateKey> pick;

  CaKeyHandler(CertificateAuthority ca, Function<CertificateAuthority.Chain, PrivateKey> pick) {
    this.ca = ca;
    this.pick = pick;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    int n = CaCertificateHandler.chainIndex(ca, Exchanges.param(exchange, "n"));
    String pem = Pem.traditionalPrivateKey(pick.apply(ca.chains().get(n)));
    Responses.send(
        exchange,
        Response.bytes(200, pem.getBytes(StandardCharsets.US_ASCII), "application/x-pem-file"));
  }
}
