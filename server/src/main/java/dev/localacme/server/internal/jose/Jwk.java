package dev.localacme.server.internal.jose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.ProblemType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * A public JSON Web Key (RFC 7517) of one of the types ACME accounts use: RSA, EC on the NIST
 * curves, or Ed25519 (RFC 8037). It keeps only the required members, in canonical form, so its RFC
 * 7638 thumbprint and equality do not depend on how the client wrote the JSON.
 */
public final class Jwk {
  private static final int MIN_RSA_BITS = 2048;
  private static final int MAX_RSA_BITS = 8192;

  private final Map<String, String> members;
  private final String thumbprint;
  private volatile PublicKey publicKey;
  private volatile ECPublicKeyParameters ecdsaParameters;

  private Jwk(Map<String, String> members, PublicKey publicKey) {
    this.members = Map.copyOf(members);
    this.thumbprint = computeThumbprint(members);
    this.publicKey = publicKey;
  }

  /** Parses a JWK from a request; an unusable key is {@code badPublicKey}. */
  public static Jwk parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw AcmeProblem.malformed("jwk must be a JSON object");
    }
    if (node.has("d") || node.has("p") || node.has("k")) {
      throw badKey("the JWK contains private key material; send the public key only");
    }
    String kty = text(node, "kty");
    return switch (kty) {
      case "RSA" -> of(rsa(bigInt(node, "n"), bigInt(node, "e")));
      case "EC" -> of(ec(text(node, "crv"), bytes(node, "x"), bytes(node, "y")));
      case "OKP" -> of(okp(text(node, "crv"), bytes(node, "x")));
      default -> throw badKey("key type \"" + kty + "\" is not supported; use EC, RSA or OKP");
    };
  }

  /** Rebuilds a JWK from members stored earlier by {@link #members()}. */
  public static Jwk fromMembers(Map<String, String> members) {
    return parse(dev.localacme.server.internal.protocol.Json.mapper().valueToTree(members));
  }

  /** The JWK of a public key, for example a CSR's or a certificate's. */
  public static Jwk of(PublicKey key) {
    Map<String, String> m = new LinkedHashMap<>();
    if (key instanceof RSAPublicKey rsa) {
      m.put("e", Base64Url.encode(unsigned(rsa.getPublicExponent())));
      m.put("kty", "RSA");
      m.put("n", Base64Url.encode(unsigned(rsa.getModulus())));
    } else if (key instanceof ECPublicKey ec) {
      String crv = curveName(ec.getParams());
      int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
      m.put("crv", crv);
      m.put("kty", "EC");
      m.put("x", Base64Url.encode(fixed(ec.getW().getAffineX(), size)));
      m.put("y", Base64Url.encode(fixed(ec.getW().getAffineY(), size)));
    } else if (key instanceof EdECPublicKey ed && "Ed25519".equals(ed.getParams().getName())) {
      m.put("crv", "Ed25519");
      m.put("kty", "OKP");
      m.put("x", Base64Url.encode(encodeEdPoint(ed.getPoint())));
    } else {
      throw badKey("key type " + key.getAlgorithm() + " is not supported");
    }
    return new Jwk(m, key);
  }

  /** The key type: {@code RSA}, {@code EC} or {@code OKP}. */
  public String keyType() {
    return members.get("kty");
  }

  /** The curve for EC and OKP keys, else null. */
  public String curve() {
    return members.get("crv");
  }

  /** The canonical required members (RFC 7638 section 3.2). */
  public Map<String, String> members() {
    return members;
  }

  /** The RFC 7638 thumbprint, base64url of SHA-256. */
  public String thumbprint() {
    return thumbprint;
  }

  public PublicKey publicKey() {
    PublicKey key = publicKey;
    if (key == null) {
      key = fromMembers(members).publicKey;
      publicKey = key;
    }
    return key;
  }

  /** The key in Bouncy Castle's form, for ECDSA verification; EC keys only. */
  ECPublicKeyParameters ecdsaParameters() {
    ECPublicKeyParameters parameters = ecdsaParameters;
    if (parameters == null) {
      parameters = Ecdsa.parameters((ECPublicKey) publicKey(), curve());
      ecdsaParameters = parameters;
    }
    return parameters;
  }

  /** Whether {@code alg} may sign with this key (RFC 7518 section 3.1, RFC 8037). */
  public boolean fits(JwsAlgorithm alg) {
    return switch (keyType()) {
      case "RSA" -> alg == JwsAlgorithm.RS256;
      case "EC", "OKP" -> Objects.equals(alg.curve(), curve());
      default -> false;
    };
  }

  /** A short description for logs and problem details, for example {@code EC P-256}. */
  public String describe() {
    if ("RSA".equals(keyType())) {
      return "RSA " + ((RSAPublicKey) publicKey()).getModulus().bitLength();
    }
    return keyType() + " " + curve();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Jwk other && thumbprint.equals(other.thumbprint);
  }

  @Override
  public int hashCode() {
    return thumbprint.hashCode();
  }

  @Override
  public String toString() {
    return describe() + " " + thumbprint;
  }

  private static PublicKey rsa(BigInteger n, BigInteger e) {
    int bits = n.bitLength();
    if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
      throw badKey("RSA key of " + bits + " bits; ACME accounts need 2048 to 8192 bits");
    }
    if (e.signum() <= 0 || !e.testBit(0)) {
      throw badKey("RSA public exponent must be odd and positive");
    }
    return generate("RSA", new RSAPublicKeySpec(n, e));
  }

  private static PublicKey ec(String crv, byte[] x, byte[] y) {
    ECParameterSpec params = curveParams(crv);
    int size = (params.getCurve().getField().getFieldSize() + 7) / 8;
    if (x.length != size || y.length != size) {
      throw badKey(
          "EC " + crv + " coordinates must be " + size + " bytes each (RFC 7518 section 6.2.1.2)");
    }
    ECPoint point = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
    if (!onCurve(params.getCurve(), point)) {
      throw badKey("the EC point is not on curve " + crv);
    }
    return generate("EC", new ECPublicKeySpec(point, params));
  }

  private static PublicKey okp(String crv, byte[] x) {
    if (!"Ed25519".equals(crv)) {
      throw badKey("OKP curve \"" + crv + "\" is not supported; use Ed25519");
    }
    if (x.length != 32) {
      throw badKey("an Ed25519 key is 32 bytes, not " + x.length);
    }
    byte[] reversed = new byte[32];
    for (int i = 0; i < 32; i++) {
      reversed[i] = x[31 - i];
    }
    boolean xOdd = (reversed[0] & 0x80) != 0;
    reversed[0] &= 0x7f;
    EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, reversed));
    return generate("Ed25519", new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }

  private static byte[] encodeEdPoint(EdECPoint point) {
    byte[] y = fixed(point.getY(), 32);
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = y[31 - i];
    }
    if (point.isXOdd()) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  private static PublicKey generate(String algorithm, java.security.spec.KeySpec spec) {
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(spec);
    } catch (GeneralSecurityException e) {
      throw badKey("the key cannot be used: " + e.getMessage());
    }
  }

  static ECParameterSpec curveParams(String crv) {
    String stdName =
        switch (crv) {
          case "P-256" -> "secp256r1";
          case "P-384" -> "secp384r1";
          case "P-521" -> "secp521r1";
          default ->
              throw badKey("EC curve \"" + crv + "\" is not supported; use P-256, P-384 or P-521");
        };
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(stdName));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks curve " + stdName, e);
    }
  }

  private static String curveName(ECParameterSpec params) {
    for (String crv : new String[] {"P-256", "P-384", "P-521"}) {
      ECParameterSpec known = curveParams(crv);
      if (known.getCurve().equals(params.getCurve())
          && known.getOrder().equals(params.getOrder())) {
        return crv;
      }
    }
    throw badKey("the EC key is not on P-256, P-384 or P-521");
  }

  private static boolean onCurve(EllipticCurve curve, ECPoint point) {
    BigInteger p = ((ECFieldFp) curve.getField()).getP();
    BigInteger x = point.getAffineX();
    BigInteger y = point.getAffineY();
    if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger left = y.modPow(BigInteger.TWO, p);
    BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    return left.equals(right);
  }

  private static String computeThumbprint(Map<String, String> members) {
    // RFC 7638 section 3: required members only, lexicographic order, no white space.
    StringBuilder json = new StringBuilder("{");
    members.keySet().stream()
        .sorted()
        .forEach(
            k -> {
              if (json.length() > 1) {
                json.append(',');
              }
              json.append('"').append(k).append("\":\"").append(members.get(k)).append('"');
            });
    json.append('}');
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(json.toString().getBytes(StandardCharsets.UTF_8));
      return Base64Url.encode(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw badKey("JWK member \"" + field + "\" is missing or not a string");
    }
    return value.asText();
  }

  private static byte[] bytes(JsonNode node, String field) {
    try {
      return Base64Url.decode(text(node, field), "JWK member \"" + field + "\"");
    } catch (AcmeProblem e) {
      throw badKey(e.detail());
    }
  }

  private static BigInteger bigInt(JsonNode node, String field) {
    return new BigInteger(1, bytes(node, field));
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      return java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return bytes;
  }

  private static byte[] fixed(BigInteger value, int size) {
    byte[] bytes = unsigned(value);
    byte[] out = new byte[size];
    System.arraycopy(bytes, 0, out, size - bytes.length, bytes.length);
    return out;
  }

  private static AcmeProblem badKey(String detail) {
    return AcmeProblem.of(ProblemType.BAD_PUBLIC_KEY, detail);
  }
}
