package dev.localacme.server.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Runs one JWS-signed operation: verify the request, call the operation, send its response. */
final class JwsHandler implements HttpHandler {
  /** An ACME operation on a verified request. */
  @FunctionalInterface
  interface Operation {
    Response handle(AcmeRequest request) throws Exception;
  }

  private final RequestVerifier verifier;
  private final RequestVerifier.Signer signer;
  private final Operation operation;

  JwsHandler(RequestVerifier verifier, RequestVerifier.Signer signer, Operation operation) {
    this.verifier = verifier;
    this.signer = signer;
    this.operation = operation;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    AcmeRequest request = verifier.verify(exchange, signer);
    Responses.send(exchange, operation.handle(request));
  }
}
