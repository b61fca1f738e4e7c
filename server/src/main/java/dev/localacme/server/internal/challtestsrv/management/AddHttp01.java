package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.ChallengeResponses;

/**
 * {@code /add-http01} {@code {"token", "content"}}: serves the content for the token on any Host.
 */
record AddHttp01(ChallengeResponses responses) implements Route {
  @Override
  public Reply handle(Body body) {
    String token = body.string("token");
    String content = body.string("content");
    if (token.isEmpty() || content.isEmpty()) {
      return Reply.badRequest("add-http01 needs a non-empty \"token\" and \"content\"");
    }
    responses.addHttp01(token, content);
    LOG.info("Added HTTP-01 challenge for token \"{}\" - key auth \"{}\"", token, content);
    return Reply.ok();
  }
}
