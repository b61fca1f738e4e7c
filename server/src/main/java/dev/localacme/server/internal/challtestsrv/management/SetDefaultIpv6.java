package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;

/**
 * {@code /set-default-ipv6} {@code {"ip"}}: the AAAA answer for names without AAAA records; {@code
 * ""} answers none.
 */
record SetDefaultIpv6(DnsRecordStore records) implements Route {
  @Override
  public Reply handle(Body body) {
    String ip = body.string("ip");
    records.defaultIpv6(ip);
    LOG.info("Set default IPv6 address for DNS AAAA queries to \"{}\"", ip);
    return Reply.ok();
  }
}
