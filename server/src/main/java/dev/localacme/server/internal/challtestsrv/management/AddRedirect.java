package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.ChallengeResponses;

/**
 * {@code /add-redirect} {@code {"path", "targetURL"}}: redirects plain-HTTP requests for exactly
 * that path (302).
 */
record AddRedirect(ChallengeResponses responses) implements Route {
  @Override
  public Reply handle(Body body) {
    String path = body.string("path");
    String target = body.string("targetURL");
    if (path.isEmpty() || target.isEmpty()) {
      return Reply.badRequest("add-redirect needs a non-empty \"path\" and \"targetURL\"");
    }
    responses.addRedirect(path, target);
    LOG.info("Added HTTP redirect for path \"{}\" to \"{}\"", path, target);
    return Reply.ok();
  }
}
