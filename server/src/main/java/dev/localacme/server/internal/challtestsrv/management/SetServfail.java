package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;

/** {@code /set-servfail} {@code {"host"}}: answers every query for the host with SERVFAIL. */
record SetServfail(DnsRecordStore records) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    if (host.isEmpty()) {
      return Reply.badRequest("set-servfail needs a non-empty \"host\"");
    }
    records.servfail(host);
    LOG.info("Added SERVFAIL response for DNS queries to \"{}\"", host);
    return Reply.ok();
  }
}
