package dev.localacme.server.internal.protocol;

/**
 * The ACME error types of RFC 8555 section 6.7 (plus RFC 9773 and the profiles draft), each with
 * the HTTP status LocalAcme answers with unless a problem overrides it.
 */
public enum ProblemType {
  ACCOUNT_DOES_NOT_EXIST("accountDoesNotExist", 400),
  ALREADY_REPLACED("alreadyReplaced", 409),
  ALREADY_REVOKED("alreadyRevoked", 400),
  BAD_CSR("badCSR", 400),
  BAD_NONCE("badNonce", 400),
  BAD_PUBLIC_KEY("badPublicKey", 400),
  BAD_REVOCATION_REASON("badRevocationReason", 400),
  BAD_SIGNATURE_ALGORITHM("badSignatureAlgorithm", 400),
  CAA("caa", 403),
  COMPOUND("compound", 400),
  CONNECTION("connection", 400),
  DNS("dns", 400),
  EXTERNAL_ACCOUNT_REQUIRED("externalAccountRequired", 403),
  INCORRECT_RESPONSE("incorrectResponse", 403),
  INVALID_CONTACT("invalidContact", 400),
  INVALID_PROFILE("invalidProfile", 400),
  MALFORMED("malformed", 400),
  ORDER_NOT_READY("orderNotReady", 403),
  RATE_LIMITED("rateLimited", 429),
  REJECTED_IDENTIFIER("rejectedIdentifier", 400),
  SERVER_INTERNAL("serverInternal", 500),
  TLS("tls", 400),
  UNAUTHORIZED("unauthorized", 403),
  UNSUPPORTED_CONTACT("unsupportedContact", 400),
  UNSUPPORTED_IDENTIFIER("unsupportedIdentifier", 400),
  USER_ACTION_REQUIRED("userActionRequired", 403);

  private static final String NAMESPACE = "urn:ietf:params:acme:error:";

  private final String code;
  private final int status;

  ProblemType(String code, int status) {
    this.code = code;
    this.status = status;
  }

  /** The full type URN, for example {@code urn:ietf:params:acme:error:badNonce}. */
  public String urn() {
    return NAMESPACE + code;
  }

  /** The short name after the namespace, for example {@code badNonce}. */
  public String code() {
    return code;
  }

  /** The HTTP status a problem of this type is sent with by default. */
  public int status() {
    return status;
  }

  /** Finds the type for a URN, if it is one of ours. */
  public static java.util.Optional<ProblemType> ofUrn(String urn) {
    for (ProblemType type : values()) {
      if (type.urn().equals(urn)) {
        return java.util.Optional.of(type);
      }
    }
    return java.util.Optional.empty();
  }
}
