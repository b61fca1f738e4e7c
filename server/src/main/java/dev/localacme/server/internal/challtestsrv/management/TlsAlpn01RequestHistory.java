package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.RequestHistory;

/**
 * {@code /tlsalpn01-request-history} {@code {"host"}}: the tls-alpn-01 handshakes, keyed by SNI, as
 * a JSON array.
 */
record TlsAlpn01RequestHistory(RequestHistory history) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    if (host.isEmpty()) {
      return Reply.badRequest("host parameter of POST body must not be empty");
    }
    return Reply.json(history.events(host, RequestHistory.Kind.TLSALPN));
  }
}
