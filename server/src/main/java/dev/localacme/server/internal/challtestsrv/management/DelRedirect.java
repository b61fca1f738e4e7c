package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.challtestsrv.ChallengeResponses;

/** {@code /del-redirect} {@code {"path"}}: removes the path's redirect. */
record DelRedirect(ChallengeResponses responses) implements Route {
  @Override
  public Reply handle(Body body) {
    String path = body.string("path");
    if (path.isEmpty()) {
      return Reply.badRequest("del-redirect needs a non-empty \"path\"");
    }
    responses.removeRedirect(path);
    LOG.info("Removed HTTP redirect for path \"{}\"", path);
    return Reply.ok();
  }
}
