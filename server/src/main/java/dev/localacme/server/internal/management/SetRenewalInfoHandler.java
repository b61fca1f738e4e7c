package dev.localacme.server.internal.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.internal.domain.Renewals;
import dev.localacme.server.internal.http.Response;
import dev.localacme.server.internal.http.Responses;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.state.CertificateRecord;
import dev.localacme.server.internal.state.Store;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * {@code POST /set-renewal-info/} (Pebble): {@code {"Certificate": "<PEM>", "ARIResponse":
 * "<body>"}} makes renewalInfo answer that body verbatim for the certificate, even malformed JSON,
 * to test a client's error handling. 200 with no body, 404 for a certificate not issued here.
 */
final class SetRenewalInfoHandler implements HttpHandler {
  private final Store store;
  private final Renewals renewals;

  SetRenewalInfoHandler(Store store, Renewals renewals) {
    this.store = store;
    this.renewals = renewals;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    ObjectNode body = Exchanges.jsonBody(exchange);
    String pem = Exchanges.text(body, "Certificate");
    String ariResponse = Exchanges.text(body, "ARIResponse");
    List<X509Certificate> certificates;
    try {
      certificates = Pem.parseCertificates(pem);
    } catch (IllegalArgumentException e) {
      throw AcmeProblem.malformed("\"Certificate\" is not a PEM certificate");
    }
    if (certificates.isEmpty()) {
      throw AcmeProblem.malformed("\"Certificate\" is not a PEM certificate");
    }
    X509Certificate certificate = certificates.get(0);
    byte[] der = certificate.getEncoded();
    String serial = CertificateRecord.serialId(certificate.getSerialNumber());
    store
        .certificate(serial)
        .filter(r -> Arrays.equals(r.der(), der))
        .orElseThrow(() -> AcmeProblem.notFound("certificate " + serial + " was not issued here"));
    renewals.setVerbatim(serial, ariResponse);
    Responses.send(exchange, Response.empty(200));
  }
}
