package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.RequestHistory;
import java.util.Optional;

/**
 * {@code /clear-request-history} {@code {"host", "type"}}: forgets the host's {@code http}, {@code
 * dns} or {@code tlsalpn} history.
 */
record ClearRequestHistory(RequestHistory history) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    if (host.isEmpty()) {
      return Reply.badRequest("host parameter must not be empty");
    }
    String type = body.string("type");
    Optional<RequestHistory.Kind> kind = RequestHistory.Kind.of(type);
    if (kind.isEmpty()) {
      return Reply.badRequest("\"" + type + "\" event type unknown");
    }
    history.clear(host, kind.get());
    LOG.info("Cleared challenge server request history for \"{}\" \"{}\" events", host, type);
    return Reply.ok();
  }
}
