package dev.localacme.server.internal.management;

import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.internal.http.Response;
import dev.localacme.server.internal.http.Responses;
import dev.localacme.server.internal.protocol.AcmeProblem;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.function.Function;

/**
 * {@code /root-keys/N} and {@code /intermediate-keys/N} (Pebble): the private key of chain N's root
 * or leaf-signing intermediate as PEM, PKCS#1 for RSA as Pebble serves it and PKCS#8 for the key
 * types Pebble cannot serve. A throwaway CA's keys are no secret; a persistent root's are, so for
 * it the route refuses unless the server was told to expose them.
 */
final class CaKeyHandler implements HttpHandler {
  private final CertificateAuthority ca;
  private final Function<CertificateAuthority.Chain, PrivateKey> pick;
  private final boolean exposed;

  CaKeyHandler(
      CertificateAuthority ca,
      Function<CertificateAuthority.Chain, PrivateKey> pick,
      boolean exposed) {
    this.ca = ca;
    this.pick = pick;
    this.exposed = exposed;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (!exposed) {
      throw AcmeProblem.unauthorized(
          "this server's root is persistent and may be trusted on this machine, so its private keys"
              + " are not handed out; start it with --expose-ca-keys (or an ephemeral root) if a"
              + " test really needs them");
    }
    int n = CaCertificateHandler.chainIndex(ca, Exchanges.param(exchange, "n"));
    String pem = Pem.traditionalPrivateKey(pick.apply(ca.chains().get(n)));
    Responses.send(
        exchange,
        Response.bytes(200, pem.getBytes(StandardCharsets.US_ASCII), "application/x-pem-file"));
  }
}
