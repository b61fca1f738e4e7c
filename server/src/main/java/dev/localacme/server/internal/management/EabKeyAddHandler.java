package dev.localacme.server.internal.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localacme.server.internal.domain.ExternalAccountKeys;
import dev.localacme.server.internal.http.Response;
import dev.localacme.server.internal.http.Responses;
import dev.localacme.server.internal.jose.Base64Url;
import dev.localacme.server.internal.protocol.AcmeProblem;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.security.SecureRandom;

/**
 * {@code POST /eab-keys}: provisions an external account binding key (RFC 8555 section 7.3.4),
 * {@code {"kid": "...", "hmacKey": "<base64url>"}}; without {@code hmacKey} a random 256-bit key is
 * made. Answers 201 with the key id and the key, as a CA hands them to a subscriber.
 */
final class EabKeyAddHandler implements HttpHandler {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ExternalAccountKeys keys;

  EabKeyAddHandler(ExternalAccountKeys keys) {
    this.keys = keys;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    ObjectNode body = Exchanges.jsonBody(exchange);
    String kid = Exchanges.text(body, "kid");
    String key =
        Exchanges.member(body, "hmacKey").isPresent()
            ? Exchanges.text(body, "hmacKey")
            : randomKey();
    try {
      keys.add(kid, key);
    } catch (IllegalArgumentException e) {
      throw AcmeProblem.malformed(e.getMessage());
    }
    Responses.send(exchange, Response.json(201, new ManagementJson.EabKey(kid, key)));
  }

  private static String randomKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64Url.encode(bytes);
  }
}
