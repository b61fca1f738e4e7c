package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;
import java.util.List;

/** {@code /add-aaaa} {@code {"host", "addresses"}}: appends AAAA records. */
record AddAaaa(DnsRecordStore records) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    List<String> addresses = body.strings("addresses");
    if (host.isEmpty() || addresses.isEmpty()) {
      return Reply.badRequest("add-aaaa needs a non-empty \"host\" and \"addresses\"");
    }
    records.aaaa(host, addresses.toArray(String[]::new));
    LOG.info(
        "Added response for DNS AAAA queries to \"{}\" : {}", host, String.join(", ", addresses));
    return Reply.ok();
  }
}
