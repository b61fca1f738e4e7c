package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;

/** {@code /clear-cname} {@code {"host"}}: removes the host's alias. */
record ClearCname(DnsRecordStore records) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    if (host.isEmpty()) {
      return Reply.badRequest("clear-cname needs a non-empty \"host\"");
    }
    records.clearCname(host);
    LOG.info("Removed response for DNS CNAME queries to \"{}\"", host);
    return Reply.ok();
  }
}
