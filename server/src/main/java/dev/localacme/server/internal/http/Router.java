package dev.localacme.server.internal.http;

import dev.localacme.server.internal.protocol.AcmeProblem;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.PathTemplateMatcher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Dispatches by path template and method. HEAD goes wherever GET goes; an unknown path is a 404
 * problem and a known path with another method a 405 problem with an {@code Allow} header (RFC 8555
 * section 6.3).
 */
public final class Router implements HttpHandler {
  /** The template parameters of the matched route, for example {@code id}. */
  public static final AttachmentKey<Map<String, String>> PARAMS = AttachmentKey.create(Map.class);

  private static final Pattern EMPTY_SEGMENTS = Pattern.compile("/{2,}");

  private final PathTemplateMatcher<Map<String, HttpHandler>> matcher = new PathTemplateMatcher<>();
  private final Map<String, Map<String, HttpHandler>> byTemplate = new LinkedHashMap<>();
  private final String directoryPath;

  public Router(String directoryPath) {
    this.directoryPath = directoryPath;
  }

  public Router get(String template, HttpHandler handler) {
    return add("GET", template, handler);
  }

  public Router post(String template, HttpHandler handler) {
    return add("POST", template, handler);
  }

  private Router add(String method, String template, HttpHandler handler) {
    Map<String, HttpHandler> methods = byTemplate.get(template);
    if (methods == null) {
      methods = new LinkedHashMap<>();
      byTemplate.put(template, methods);
      matcher.add(template, methods);
    }
    methods.put(method, handler);
    return this;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    // Clients that add their own slash to a directory URL (renewalInfo + "/" + certID, checklist
    // C1.3) ask for "//": empty segments match as one.
    PathTemplateMatcher.PathMatchResult<Map<String, HttpHandler>> match =
        matcher.match(EMPTY_SEGMENTS.matcher(exchange.getRelativePath()).replaceAll("/"));
    if (match == null) {
      throw AcmeProblem.notFound(
          "there is no resource at "
              + exchange.getRequestPath()
              + "; start from the directory at "
              + directoryPath);
    }
    String method = exchange.getRequestMethod().toString();
    HttpHandler handler = match.getValue().get("HEAD".equals(method) ? "GET" : method);
    if (handler == null) {
      TreeSet<String> allowed = new TreeSet<>(match.getValue().keySet());
      if (allowed.contains("GET")) {
        allowed.add("HEAD");
      }
      String hint =
          allowed.contains("POST") && !allowed.contains("GET")
              ? "; fetch resources with POST-as-GET (RFC 8555 section 6.3)"
              : "";
      throw AcmeProblem.malformed(method + " is not allowed on " + exchange.getRequestPath() + hint)
          .withStatus(405)
          .withHeader("Allow", String.join(", ", allowed));
    }
    exchange.putAttachment(PARAMS, match.getParameters());
    handler.handleRequest(exchange);
  }
}
