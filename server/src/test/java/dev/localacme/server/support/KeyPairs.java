package dev.localacme.server.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** Fresh key pairs from the JDK's providers, for accounts, CSRs and test certificates. */
public final class KeyPairs {
  private KeyPairs() {}

  /** An EC key on P-256, what most clients use. */
  public static KeyPair ec() {
    return generate("EC", 256);
  }

  /** An RSA key of 2048 bits, the least RFC 8555 servers accept. */
  public static KeyPair rsa() {
    return generate("RSA", 2048);
  }

  /**
   * A key of {@code algorithm} ({@code EC}, {@code RSA} or {@code Ed25519}) and {@code size} (the
   * curve's bits for EC, ignored for Ed25519).
   */
  public static KeyPair generate(String algorithm, int size) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp" + size + "r1"));
      } else if (!algorithm.equals("Ed25519")) {
        generator.initialize(size);
      }
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
