package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.ChallengeResponses;

/**
 * {@code /add-tlsalpn01} {@code {"host", "content"}}: answers tls-alpn-01 handshakes for the host
 * (SNI) with a certificate for the key authorization {@code content}.
 */
record AddTlsAlpn01(ChallengeResponses responses) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    String content = body.string("content");
    if (host.isEmpty() || content.isEmpty()) {
      return Reply.badRequest("add-tlsalpn01 needs a non-empty \"host\" and \"content\"");
    }
    responses.addTlsAlpn01(host, content);
    LOG.info("Added TLS-ALPN-01 challenge for host \"{}\" - key auth \"{}\"", host, content);
    return Reply.ok();
  }
}
