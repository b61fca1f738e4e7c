package dev.localacme.server.internal.protocol;

import java.util.List;

/**
 * A problem document (RFC 7807 / RFC 9457) as RFC 8555 section 6.7 uses it; also the {@code error}
 * of challenges and orders. {@code identifier} appears only on subproblems.
 */
public record ProblemJson(
    String type,
    String detail,
    Integer status,
    List<ProblemJson> subproblems,
    List<String> algorithms,
    String instance,
    Identifier identifier) {

  public static ProblemJson of(ProblemType type, String detail) {
    return new ProblemJson(type.urn(), detail, type.status(), null, null, null, null);
  }

  public static ProblemJson subproblem(ProblemType type, String detail, Identifier identifier) {
    return new ProblemJson(type.urn(), detail, null, null, null, null, identifier);
  }
}
