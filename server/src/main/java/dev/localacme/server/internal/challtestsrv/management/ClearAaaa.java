package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;

/** {@code /clear-aaaa} {@code {"host"}}: removes the host's AAAA records. */
record ClearAaaa(DnsRecordStore records) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    if (host.isEmpty()) {
      return Reply.badRequest("clear-aaaa needs a non-empty \"host\"");
    }
    records.clearAaaa(host);
    LOG.info("Removed response for DNS AAAA queries to \"{}\"", host);
    return Reply.ok();
  }
}
