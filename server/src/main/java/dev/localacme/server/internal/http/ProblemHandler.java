package dev.localacme.server.internal.http;

import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.ProblemType;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place problems become responses. An {@link AcmeProblem} is the expected path; anything
 * else is a LocalAcme bug, logged once and answered as {@code serverInternal}.
 */
public final class ProblemHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  private final HttpHandler next;

  public ProblemHandler(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    try {
      next.handleRequest(exchange);
    } catch (AcmeProblem problem) {
      answer(exchange, problem);
    } catch (Exception e) {
      LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
      answer(
          exchange,
          AcmeProblem.of(
              ProblemType.SERVER_INTERNAL,
              "LocalAcme failed on this request ("
                  + e.getClass().getSimpleName()
                  + "); this is a"
                  + " bug, the server log has the details"));
    }
  }

  private static void answer(HttpServerExchange exchange, AcmeProblem problem) throws Exception {
    if (exchange.isResponseStarted()) {
      LOG.warn("cannot report {} on a response already started", problem.type().code());
      exchange.endExchange();
      return;
    }
    Responses.problem(exchange, problem);
  }
}
