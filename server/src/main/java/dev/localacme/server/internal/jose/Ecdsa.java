package dev.localacme.server.internal.jose;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * ECDSA verification of raw R||S JWS signatures (RFC 7518 section 3.4) with Bouncy Castle's
 * lightweight implementation of the NIST curves. JDK 17's own P-256 arithmetic is pure Java and was
 * measured here at more than 20 times slower per verification, which made it the dominant cost of
 * every ACME request; no JCA provider is registered.
 */
final class Ecdsa {
  private Ecdsa() {}

  /** Bouncy Castle's form of a public key, for {@link #verify}. */
  static ECPublicKeyParameters parameters(ECPublicKey key, String crv) {
    X9ECParameters curve = CustomNamedCurves.getByName(stdName(crv));
    ECDomainParameters domain =
        new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
    return new ECPublicKeyParameters(
        curve.getCurve().createPoint(key.getW().getAffineX(), key.getW().getAffineY()), domain);
  }

  static boolean verify(ECPublicKeyParameters key, String digest, byte[] input, byte[] signature) {
    try {
      byte[] hash = MessageDigest.getInstance(digest).digest(input);
      int half = signature.length / 2;
      BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, half));
      BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, half, signature.length));
      ECDSASigner verifier = new ECDSASigner();
      verifier.init(false, key);
      return verifier.verifySignature(hash, r, s);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static String stdName(String crv) {
    return switch (crv) {
      case "P-256" -> "secp256r1";
      case "P-384" -> "secp384r1";
      case "P-521" -> "secp521r1";
      default -> throw new IllegalArgumentException(crv);
    };
  }
}
