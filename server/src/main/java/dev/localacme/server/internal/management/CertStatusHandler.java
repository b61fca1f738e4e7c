package dev.localacme.server.internal.management;

import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.internal.http.Response;
import dev.localacme.server.internal.http.Responses;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.Times;
import dev.localacme.server.internal.state.CertificateRecord;
import dev.localacme.server.internal.state.Store;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code /cert-status-by-serial/<hex>} (Pebble): 400 for bad hex, 404 for an unknown serial. */
final class CertStatusHandler implements HttpHandler {
  private final Store store;

  CertStatusHandler(Store store) {
    this.store = store;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String serialHex = Exchanges.param(exchange, "serial");
    String serial =
        CertificateRecord.parseSerialId(serialHex)
            .orElseThrow(
                () ->
                    AcmeProblem.malformed(
                        "\"" + serialHex + "\" is not a hexadecimal serial number"));
    CertificateRecord record =
        store
            .certificate(serial)
            .orElseThrow(() -> AcmeProblem.notFound("no certificate with serial " + serialHex));
    Responses.send(
        exchange,
        Response.ok(
            new CertStatusJson(
                record.isRevoked() ? "Revoked" : "Valid",
                record.serial(),
                Pem.encode("CERTIFICATE", record.der()),
                record.revocationReason(),
                Times.format(record.revokedAt()))));
  }
}
