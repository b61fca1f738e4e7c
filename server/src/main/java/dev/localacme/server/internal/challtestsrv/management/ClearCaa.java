package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;

/** {@code /clear-caa} {@code {"host"}}: removes the host's CAA records. */
record ClearCaa(DnsRecordStore records) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    if (host.isEmpty()) {
      return Reply.badRequest("clear-caa needs a non-empty \"host\"");
    }
    records.clearCaa(host);
    LOG.info("Removed response for DNS CAA queries to \"{}\"", host);
    return Reply.ok();
  }
}
