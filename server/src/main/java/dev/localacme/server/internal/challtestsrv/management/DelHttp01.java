package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.ChallengeResponses;

/** {@code /del-http01} {@code {"token"}}: stops serving the token. */
record DelHttp01(ChallengeResponses responses) implements Route {
  @Override
  public Reply handle(Body body) {
    String token = body.string("token");
    if (token.isEmpty()) {
      return Reply.badRequest("del-http01 needs a non-empty \"token\"");
    }
    responses.removeHttp01(token);
    LOG.info("Removed HTTP-01 challenge for token \"{}\"", token);
    return Reply.ok();
  }
}
