package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;

/**
 * {@code /set-default-ipv4} {@code {"ip"}}: the A answer for names without A records; {@code ""}
 * answers none.
 */
record SetDefaultIpv4(DnsRecordStore records) implements Route {
  @Override
  public Reply handle(Body body) {
    String ip = body.string("ip");
    records.defaultIpv4(ip);
    LOG.info("Set default IPv4 address for DNS A queries to \"{}\"", ip);
    return Reply.ok();
  }
}
