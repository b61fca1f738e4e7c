package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;

/** {@code /clear-txt} {@code {"host"}}: removes every TXT record of the host. */
record ClearTxt(DnsRecordStore records) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    if (host.isEmpty()) {
      return Reply.badRequest("clear-txt needs a non-empty \"host\"");
    }
    records.clearTxt(host);
    LOG.info("Removed TXT response for Host \"{}\"", host);
    return Reply.ok();
  }
}
