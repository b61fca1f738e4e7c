package dev.localacme.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * Assertions on ACME problem documents (RFC 8555 section 6.7), as a raw client receives them and as
 * acme4j reports them.
 */
public final class Problems {
  /** The prefix of every ACME error type. */
  public static final String URN = "urn:ietf:params:acme:error:";

  private Problems() {}

  /**
   * Asserts that {@code reply} is a problem of {@code type} (its short name, such as {@code
   * badNonce}) with this status, a detail containing {@code detailPart}, and what every error
   * response carries: a fresh nonce (section 6.5) and the directory's index link (section 7.1).
   */
  public static void assertProblem(
      RawClient.Reply reply, int status, String type, String detailPart) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.problemType()).isEqualTo(URN + type);
    assertThat(reply.json().path("detail").asText()).contains(detailPart);
    assertThat(reply.json().path("status").asInt()).isEqualTo(status);
    assertThat(reply.header("Replay-Nonce")).as("a fresh nonce on the error").isNotBlank();
    assertThat(reply.headerValues("Link")).anyMatch(l -> l.endsWith(";rel=\"index\""));
  }

  /** The short type of the problem acme4j threw, for example {@code badNonce}. */
  public static String type(Throwable e) {
    return problem(e).getType().toString().replace(URN, "");
  }

  /** The HTTP status of the problem acme4j threw, as its document says. */
  public static int status(Throwable e) {
    return problem(e).getProblem().asJSON().get("status").asInt();
  }

  private static AcmeServerException problem(Throwable e) {
    if (!(e instanceof AcmeServerException server)) {
      throw new AssertionError("not a server problem: " + e, e);
    }
    return server;
  }
}
