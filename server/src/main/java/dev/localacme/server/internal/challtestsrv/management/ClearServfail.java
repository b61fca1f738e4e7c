package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;

/** {@code /clear-servfail} {@code {"host"}}: stops answering the host with SERVFAIL. */
record ClearServfail(DnsRecordStore records) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    if (host.isEmpty()) {
      return Reply.badRequest("clear-servfail needs a non-empty \"host\"");
    }
    records.clearServfail(host);
    LOG.info("Removed SERVFAIL response for DNS queries to \"{}\"", host);
    return Reply.ok();
  }
}
