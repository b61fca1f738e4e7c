package dev.localacme.server.internal.jose;

import dev.localacme.server.internal.protocol.AcmeProblem;
import java.util.Base64;

/** base64url without padding (RFC 8555 section 6.1): strict on input, as the RFC asks. */
public final class Base64Url {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /** True when every character is in the base64url alphabet (so no padding either). */
  public static boolean isValid(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return value.length() % 4 != 1;
  }

  /** Decodes a field; anything but unpadded base64url is {@code malformed} naming the field. */
  public static byte[] decode(String value, String field) {
    if (value == null) {
      throw AcmeProblem.malformed(field + " is missing");
    }
    if (!isValid(value)) {
      throw AcmeProblem.malformed(
          field + " must be base64url without padding (RFC 8555 section 6.1)");
    }
    return DECODER.decode(value);
  }
}
