package dev.localacme.server.internal.protocol;

import dev.localacme.server.internal.jose.Base64Url;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The unique identifier of a certificate in ARI (RFC 9773 section 4.1): base64url of the authority
 * key identifier's keyIdentifier, a dot, and base64url of the serial's DER content octets (so a
 * serial with its high bit set keeps its leading zero octet).
 */
public record CertId(byte[] keyIdentifier, BigInteger serial) {

  public static CertId of(byte[] keyIdentifier, BigInteger serial) {
    return new CertId(keyIdentifier.clone(), serial);
  }

  /** Parses a certID from a URL or a {@code replaces} field; a bad one is {@code malformed}. */
  public static CertId parse(String value, String what) {
    int dot = value == null ? -1 : value.indexOf('.');
    if (dot <= 0 || dot == value.length() - 1 || value.indexOf('.', dot + 1) >= 0) {
      throw AcmeProblem.malformed(
          what
              + " \""
              + value
              + "\" is not a certificate identifier: base64url(AKI keyIdentifier) \".\""
              + " base64url(serial) (RFC 9773 section 4.1)");
    }
    byte[] keyId = Base64Url.decode(value.substring(0, dot), what + "'s key identifier");
    byte[] serial = Base64Url.decode(value.substring(dot + 1), what + "'s serial number");
    if (serial.length == 0 || serial.length > 20 || (serial[0] & 0x80) != 0) {
      throw AcmeProblem.malformed(
          what + " has a serial number that is not a positive DER INTEGER of up to 20 octets");
    }
    return new CertId(keyIdentifier(keyId), new BigInteger(serial));
  }

  /** The text form, as clients build it. */
  public String encode() {
    return Base64Url.encode(keyIdentifier) + "." + Base64Url.encode(serial.toByteArray());
  }

  /** Whether this identifies a certificate with this authority key identifier and serial. */
  public boolean matches(byte[] authorityKeyId, BigInteger certificateSerial) {
    return Arrays.equals(keyIdentifier, authorityKeyId) && serial.equals(certificateSerial);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CertId id && id.matches(keyIdentifier, serial);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(keyIdentifier) * 31 + serial.hashCode();
  }

  @Override
  public String toString() {
    return encode();
  }

  private static byte[] keyIdentifier(byte[] bytes) {
    if (bytes.length == 0) {
      throw AcmeProblem.malformed("a certificate identifier's key identifier must not be empty");
    }
    return bytes;
  }
}
