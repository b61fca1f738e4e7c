package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.RequestHistory;

/**
 * {@code /dns-request-history} {@code {"host"}}: the DNS questions, keyed by name without the
 * trailing dot, as a JSON array.
 */
record DnsRequestHistory(RequestHistory history) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    if (host.isEmpty()) {
      return Reply.badRequest("host parameter of POST body must not be empty");
    }
    return Reply.json(history.events(host, RequestHistory.Kind.DNS));
  }
}
