package dev.localacme.server.internal.ca;

import dev.localacme.server.KeyAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;

/** Key generation and the signature algorithm each CA key signs with. */
public final class Keys {
  private Keys() {}

  public static KeyPair generate(KeyAlgorithm algorithm) {
    try {
      return switch (algorithm) {
        case EC_P256 -> ec("secp256r1");
        case EC_P384 -> ec("secp384r1");
        case RSA_2048 -> rsa(2048);
        case RSA_3072 -> rsa(3072);
        case RSA_4096 -> rsa(4096);
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate " + algorithm + " keys", e);
    }
  }

  /** The JCA signature algorithm for certificates and CRLs signed with {@code key}. */
  public static String signatureAlgorithm(PrivateKey key) {
    if (key instanceof ECKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
    }
    if ("RSA".equals(key.getAlgorithm())) {
      return "SHA256withRSA";
    }
    if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
      return "Ed25519";
    }
    throw new IllegalArgumentException("cannot sign with a " + key.getAlgorithm() + " key");
  }

  private static KeyPair ec(String curve) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  private static KeyPair rsa(int bits) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair();
  }
}
