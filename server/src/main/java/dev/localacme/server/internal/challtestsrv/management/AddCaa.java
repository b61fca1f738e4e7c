package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.DnsRecordStore;
import java.util.List;

/**
 * {@code /add-caa} {@code {"host", "policies": [{"tag", "value"}]}}: appends CAA records. A policy
 * may also carry {@code "flag"} (LocalAcme's addition; 128 is critical), else its flags are 0.
 */
record AddCaa(DnsRecordStore records) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    List<Body> policies = body.objects("policies");
    if (host.isEmpty() || policies.isEmpty()) {
      return Reply.badRequest("add-caa needs a non-empty \"host\" and \"policies\"");
    }
    for (Body policy : policies) {
      if (policy.string("tag").isEmpty()) {
        return Reply.badRequest("every CAA policy needs a non-empty \"tag\"");
      }
    }
    for (Body policy : policies) {
      records.caa(host, policy.integer("flag", 0), policy.string("tag"), policy.string("value"));
    }
    LOG.info("Added response for DNS CAA queries to \"{}\"", host);
    return Reply.ok();
  }
}
