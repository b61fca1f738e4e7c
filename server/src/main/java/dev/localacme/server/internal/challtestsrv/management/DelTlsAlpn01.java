package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.ChallengeResponses;

/** {@code /del-tlsalpn01} {@code {"host"}}: stops answering tls-alpn-01 for the host. */
record DelTlsAlpn01(ChallengeResponses responses) implements Route {
  @Override
  public Reply handle(Body body) {
    String host = body.string("host");
    if (host.isEmpty()) {
      return Reply.badRequest("del-tlsalpn01 needs a non-empty \"host\"");
    }
    responses.removeTlsAlpn01(host);
    LOG.info("Removed TLS-ALPN-01 challenge for host \"{}\"", host);
    return Reply.ok();
  }
}
