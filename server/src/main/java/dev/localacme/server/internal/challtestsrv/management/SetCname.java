package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;

/** {@code /set-cname} {@code {"host", "target"}}: makes the host an alias, followed one level. */
record SetCname(DnsRecordStore records) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    String target = body.string("target");
    if (host.isEmpty() || target.isEmpty()) {
      return Reply.badRequest("set-cname needs a non-empty \"host\" and \"target\"");
    }
    records.cname(host, target);
    LOG.info("Added response for DNS CNAME queries to \"{}\" targeting \"{}\"", host, target);
    return Reply.ok();
  }
}
