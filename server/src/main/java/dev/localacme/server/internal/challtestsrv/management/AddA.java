package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;
import java.util.List;

/** {@code /add-a} {@code {"host", "addresses"}}: appends A records. */
record AddA(DnsRecordStore records) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    List<String> addresses = body.strings("addresses");
    if (host.isEmpty() || addresses.isEmpty()) {
      return Reply.badRequest("add-a needs a non-empty \"host\" and \"addresses\"");
    }
    records.a(host, addresses.toArray(String[]::new));
    LOG.info("Added response for DNS A queries to \"{}\" : {}", host, String.join(", ", addresses));
    return Reply.ok();
  }
}
