package dev.localacme.server.internal.state;

import dev.localacme.server.internal.jose.Base64Url;
import java.math.BigInteger;
import java.security.SecureRandom;

/** Unguessable identifiers for resource URLs (RFC 8555 section 10.5) and certificate serials. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** 128 random bits, base64url. */
  public static String random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64Url.encode(bytes);
  }

  /** A positive 127-bit serial number (RFC 5280 section 4.1.2.2 allows up to 20 octets). */
  public static BigInteger serial() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    bytes[0] &= 0x7f;
    if (bytes[0] == 0) {
      bytes[0] = 0x01;
    }
    return new BigInteger(1, bytes);
  }
}
