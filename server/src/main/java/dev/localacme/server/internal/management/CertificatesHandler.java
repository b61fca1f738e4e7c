package dev.localacme.server.internal.management;

import dev.localacme.server.IssuedCertificate;
import dev.localacme.server.internal.ca.KeyIdentifiers;
import dev.localacme.server.internal.domain.Inspection;
import dev.localacme.server.internal.domain.Renewals;
import dev.localacme.server.internal.http.Response;
import dev.localacme.server.internal.http.Responses;
import dev.localacme.server.internal.protocol.CertId;
import dev.localacme.server.internal.protocol.RenewalInfoJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /certificates}: every certificate issued, oldest first, with its ARI window. */
final class CertificatesHandler implements HttpHandler {
  private final Inspection inspection;
  private final Renewals renewals;

  CertificatesHandler(Inspection inspection, Renewals renewals) {
    this.inspection = inspection;
    this.renewals = renewals;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Responses.send(
        exchange, Response.ok(inspection.certificates().stream().map(this::view).toList()));
  }

  private ManagementJson.Certificate view(IssuedCertificate certificate) {
    CertId id =
        CertId.of(
            KeyIdentifiers.authority(certificate.certificate()).orElseThrow(),
            certificate.certificate().getSerialNumber());
    Renewals.Window window = renewals.answer(id).window();
    return ManagementJson.Certificate.of(
        certificate,
        id.encode(),
        window == null ? null : RenewalInfoJson.of(window.start(), window.end()).suggestedWindow());
  }
}
