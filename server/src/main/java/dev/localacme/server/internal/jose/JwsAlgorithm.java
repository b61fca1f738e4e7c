package dev.localacme.server.internal.jose;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The JWS algorithms LocalAcme verifies (RFC 7518, RFC 8037), with the JCA name that checks them:
 * the digest for ECDSA (verified by {@link Ecdsa}), the signature algorithm otherwise.
 */
public enum JwsAlgorithm {
  ES256("SHA-256", "P-256", 64),
  ES384("SHA-384", "P-384", 96),
  ES512("SHA-512", "P-521", 132),
  RS256("SHA256withRSA", null, 0),
  EDDSA("Ed25519", "Ed25519", 64);

  private final String jcaName;
  private final String curve;
  private final int signatureLength;

  JwsAlgorithm(String jcaName, String curve, int signatureLength) {
    this.jcaName = jcaName;
    this.curve = curve;
    this.signatureLength = signatureLength;
  }

  /** The name in the JWS {@code alg} header. */
  public String headerName() {
    return this == EDDSA ? "EdDSA" : name();
  }

  String jcaName() {
    return jcaName;
  }

  boolean isEcdsa() {
    return name().startsWith("ES");
  }

  /** The only curve this algorithm works with, or null for RSA. */
  String curve() {
    return curve;
  }

  /** The exact signature length in bytes, or 0 when it depends on the key. */
  int signatureLength() {
    return signatureLength;
  }

  public static Optional<JwsAlgorithm> ofHeader(String alg) {
    return Arrays.stream(values()).filter(a -> a.headerName().equals(alg)).findFirst();
  }

  /** The {@code algorithms} list of a {@code badSignatureAlgorithm} problem. */
  public static List<String> headerNames() {
    return Arrays.stream(values()).map(JwsAlgorithm::headerName).toList();
  }
}
