package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.RequestHistory;

/**
 * {@code /http-request-history} {@code {"host"}}: the HTTP requests, keyed by Host without port, as
 * a JSON array.
 */
record HttpRequestHistory(RequestHistory history) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    if (host.isEmpty()) {
      return Reply.badRequest("host parameter of POST body must not be empty");
    }
    return Reply.json(history.events(host, RequestHistory.Kind.HTTP));
  }
}
