package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;

/** {@code /clear-a} {@code {"host"}}: removes the host's A records. */
record ClearA(DnsRecordStore records) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    if (host.isEmpty()) {
      return Reply.badRequest("clear-a needs a non-empty \"host\"");
    }
    records.clearA(host);
    LOG.info("Removed response for DNS A queries to \"{}\"", host);
    return Reply.ok();
  }
}
