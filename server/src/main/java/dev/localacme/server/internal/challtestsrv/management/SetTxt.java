package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;

/**
 * {@code /set-txt} {@code {"host", "value"}}: appends a TXT record (dns-01's {@code
 * _acme-challenge.<name>}).
 */
record SetTxt(DnsRecordStore records) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    String value = body.string("value");
    if (host.isEmpty() || value.isEmpty()) {
      return Reply.badRequest("set-txt needs a non-empty \"host\" and \"value\"");
    }
    records.txt(host, value);
    LOG.info("Added TXT response for Host \"{}\" - Value \"{}\"", host, value);
    return Reply.ok();
  }
}
