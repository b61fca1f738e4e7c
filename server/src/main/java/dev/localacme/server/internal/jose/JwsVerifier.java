package dev.localacme.server.internal.jose;

import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.ProblemType;
import java.security.GeneralSecurityException;
import java.security.Signature;

/** Checks a JWS signature with an account key: the {@code alg} must fit the key (RFC 8555 6.2). */
public final class JwsVerifier {
  private JwsVerifier() {}

  /** The algorithm named in the header, if LocalAcme accepts it for account keys. */
  public static JwsAlgorithm algorithm(FlattenedJws jws) {
    String alg =
        jws.headerText("alg").orElseThrow(() -> AcmeProblem.malformed("JWS header has no \"alg\""));
    return JwsAlgorithm.ofHeader(alg)
        .orElseThrow(
            () ->
                AcmeProblem.of(
                        ProblemType.BAD_SIGNATURE_ALGORITHM,
                        "JWS algorithm \""
                            + alg
                            + "\" is not accepted; use one of "
                            + JwsAlgorithm.headerNames())
                    .withAlgorithms(JwsAlgorithm.headerNames()));
  }

  /** Verifies the signature; throws {@code malformed} when it does not verify. */
  public static void verify(FlattenedJws jws, Jwk key) {
    JwsAlgorithm alg = algorithm(jws);
    if (!key.fits(alg)) {
      throw AcmeProblem.malformed(
          "JWS algorithm " + alg.headerName() + " does not fit the " + key.describe() + " key");
    }
    byte[] signature = jws.signature();
    if (alg.signatureLength() > 0 && signature.length != alg.signatureLength()) {
      throw AcmeProblem.malformed(
          "a "
              + alg.headerName()
              + " signature is "
              + alg.signatureLength()
              + " bytes (raw R||S for ECDSA, RFC 7518 section 3.4), not "
              + signature.length);
    }
    boolean valid;
    if (alg.isEcdsa()) {
      valid = Ecdsa.verify(key.ecdsaParameters(), alg.jcaName(), jws.signingInput(), signature);
    } else {
      try {
        Signature verifier = Signature.getInstance(alg.jcaName());
        verifier.initVerify(key.publicKey());
        verifier.update(jws.signingInput());
        valid = verifier.verify(signature);
      } catch (GeneralSecurityException e) {
        valid = false;
      }
    }
    if (!valid) {
      throw AcmeProblem.malformed(
          "JWS signature does not verify with the " + key.describe() + " key");
    }
  }
}
