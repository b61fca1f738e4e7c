package dev.localacme.server.internal.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one error path: anything that must answer with an ACME problem document (RFC 8555 section
 * 6.7) throws this. The HTTP layer renders it as {@code application/problem+json}. It carries no
 * stack trace, because it is expected control flow, not a bug.
 */
public final class AcmeProblem extends RuntimeException {
  private final ProblemType type;
  private final int status;
  private final List<ProblemJson> subproblems;
  private final List<String> algorithms;
  private final Map<String, List<String>> headers;
  private final String instance;

  private AcmeProblem(
      ProblemType type,
      String detail,
      int status,
      List<ProblemJson> subproblems,
      List<String> algorithms,
      Map<String, List<String>> headers,
      String instance) {
    super(detail, null, false, false);
    this.type = Objects.requireNonNull(type, "type");
    this.status = status;
    this.subproblems = List.copyOf(subproblems);
    this.algorithms = List.copyOf(algorithms);
    this.headers = Map.copyOf(headers);
    this.instance = instance;
  }

  public static AcmeProblem of(ProblemType type, String detail) {
    return new AcmeProblem(type, detail, type.status(), List.of(), List.of(), Map.of(), null);
  }

  public static AcmeProblem malformed(String detail) {
    return of(ProblemType.MALFORMED, detail);
  }

  public static AcmeProblem unauthorized(String detail) {
    return of(ProblemType.UNAUTHORIZED, detail);
  }

  /** 404 with a problem document; RFC 8555 has no type for it, so {@code malformed} as Pebble. */
  public static AcmeProblem notFound(String detail) {
    return malformed(detail).withStatus(404);
  }

  /** Rebuilds a problem from a stored document, for example a challenge's error. */
  public static AcmeProblem fromJson(ProblemJson json) {
    ProblemType type = ProblemType.ofUrn(json.type()).orElse(ProblemType.SERVER_INTERNAL);
    int status = json.status() != null ? json.status() : type.status();
    List<ProblemJson> subs = json.subproblems() != null ? json.subproblems() : List.of();
    return new AcmeProblem(type, json.detail(), status, subs, List.of(), Map.of(), null);
  }

  public AcmeProblem withStatus(int newStatus) {
    return new AcmeProblem(
        type, getMessage(), newStatus, subproblems, algorithms, headers, instance);
  }

  public AcmeProblem withSubproblems(List<ProblemJson> newSubproblems) {
    return new AcmeProblem(
        type, getMessage(), status, newSubproblems, algorithms, headers, instance);
  }

  public AcmeProblem withAlgorithms(List<String> newAlgorithms) {
    return new AcmeProblem(
        type, getMessage(), status, subproblems, newAlgorithms, headers, instance);
  }

  public AcmeProblem withInstance(String newInstance) {
    return new AcmeProblem(
        type, getMessage(), status, subproblems, algorithms, headers, newInstance);
  }

  /** Adds a response header, for example {@code Location} on a key-change conflict. */
  public AcmeProblem withHeader(String name, String value) {
    Map<String, List<String>> copy = new LinkedHashMap<>(headers);
    List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
    values.add(value);
    copy.put(name, List.copyOf(values));
    return new AcmeProblem(type, getMessage(), status, subproblems, algorithms, copy, instance);
  }

  public ProblemType type() {
    return type;
  }

  public String detail() {
    return getMessage();
  }

  public int status() {
    return status;
  }

  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The problem document for the wire. */
  public ProblemJson toJson() {
    return new ProblemJson(
        type.urn(),
        getMessage(),
        status,
        subproblems.isEmpty() ? null : subproblems,
        algorithms.isEmpty() ? null : algorithms,
        instance,
        null);
  }
}
