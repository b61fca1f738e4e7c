package dev.localacme.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * A deliberately low-level ACME client for tests: it signs JWS requests itself (any key type,
 * including Ed25519, which acme4j lacks) and lets a test break any rule on purpose. It shares no
 * code with the server, so it checks the server's JOSE handling independently.
 */
public final class RawClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final HttpClient http;
  private final URI directoryUri;
  private JsonNode directory;

  public RawClient(URI directoryUri, SSLContext trust) {
    this.directoryUri = directoryUri;
    this.http = HttpClient.newBuilder().sslContext(trust).build();
  }

  /** A reply: status, headers, body. */
  public record Reply(int status, Map<String, List<String>> headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }

    public List<String> headerValues(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .toList();
    }

    public String problemType() {
      return json().path("type").asText();
    }

    public String contentType() {
      return header("Content-Type");
    }
  }

  public String url(String resource) {
    if (directory == null) {
      directory = get(directoryUri.toString()).json();
    }
    return directory.path(resource).asText();
  }

  public Reply get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  public Reply head(String url) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  public String nonce() {
    return head(url("newNonce")).header("Replay-Nonce");
  }

  /** Posts raw bytes with a content type. */
  public Reply postRaw(String url, String contentType, byte[] body) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /** A JWS request signed correctly with {@code key}, by {@code kid} (or jwk when null). */
  public Reply post(String url, String payload, KeyPair key, String kid) {
    return post(url, payload, key, kid, h -> {});
  }

  /** A JWS request whose protected header a test may change before signing. */
  public Reply post(
      String url, String payload, KeyPair key, String kid, Consumer<ObjectNode> header) {
    ObjectNode protectedHeader = header(url, key, kid);
    header.accept(protectedHeader);
    return postRaw(
        url,
        "application/jose+json",
        jws(protectedHeader, payload, key.getPrivate())
            .toString()
            .getBytes(StandardCharsets.UTF_8));
  }

  /** The protected header a correct request has. */
  public ObjectNode header(String url, KeyPair key, String kid) {
    ObjectNode header = JSON.createObjectNode();
    header.put("alg", alg(key.getPublic()));
    header.put("nonce", nonce());
    header.put("url", url);
    if (kid == null) {
      header.set("jwk", jwk(key.getPublic()));
    } else {
      header.put("kid", kid);
    }
    return header;
  }

  /** Creates an account and returns its URL. */
  public String newAccount(KeyPair key) {
    Reply reply = post(url("newAccount"), "{\"termsOfServiceAgreed\":true}", key, null);
    if (reply.status() != 201 && reply.status() != 200) {
      throw new AssertionError("newAccount failed: " + reply.body());
    }
    return reply.header("Location");
  }

  /** A flattened JWS over {@code payload} ("" for POST-as-GET). */
  public static ObjectNode jws(ObjectNode protectedHeader, String payload, PrivateKey key) {
    String protectedB64 =
        B64.encodeToString(protectedHeader.toString().getBytes(StandardCharsets.UTF_8));
    String payloadB64 = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    String alg = protectedHeader.path("alg").asText();
    if (!List.of("ES256", "ES384", "ES512", "RS256", "EdDSA").contains(alg)) {
      // A test that sends a bogus alg still needs some signature.
      alg =
          key.getAlgorithm().equals("EC")
              ? "ES256"
              : key.getAlgorithm().equals("RSA") ? "RS256" : "EdDSA";
    }
    byte[] signature =
        sign(alg, key, (protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII));
    ObjectNode jws = JSON.createObjectNode();
    jws.put("protected", protectedB64);
    jws.put("payload", payloadB64);
    jws.put("signature", B64.encodeToString(signature));
    return jws;
  }

  public static String alg(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits == 256 ? "ES256" : bits == 384 ? "ES384" : "ES512";
    }
    return key.getAlgorithm().equals("RSA") ? "RS256" : "EdDSA";
  }

  public static byte[] sign(String alg, PrivateKey key, byte[] input) {
    String jca =
        switch (alg) {
          case "ES256" -> "SHA256withECDSAinP1363Format";
          case "ES384" -> "SHA384withECDSAinP1363Format";
          case "ES512" -> "SHA512withECDSAinP1363Format";
          case "RS256" -> "SHA256withRSA";
          case "EdDSA" -> "Ed25519";
          default -> throw new IllegalArgumentException(alg);
        };
    try {
      Signature signature = Signature.getInstance(jca);
      signature.initSign(key);
      signature.update(input);
      return signature.sign();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public JWK, built from the key's own encoding. */
  public static ObjectNode jwk(PublicKey key) {
    Map<String, String> members = new LinkedHashMap<>();
    if (key instanceof RSAPublicKey rsa) {
      members.put("kty", "RSA");
      members.put("n", B64.encodeToString(unsigned(rsa.getModulus())));
      members.put("e", B64.encodeToString(unsigned(rsa.getPublicExponent())));
    } else if (key instanceof ECPublicKey ec) {
      int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
      members.put("kty", "EC");
      members.put("crv", size == 32 ? "P-256" : size == 48 ? "P-384" : "P-521");
      members.put("x", B64.encodeToString(fixed(ec.getW().getAffineX(), size)));
      members.put("y", B64.encodeToString(fixed(ec.getW().getAffineY(), size)));
    } else {
      byte[] encoded = key.getEncoded();
      members.put("kty", "OKP");
      members.put("crv", "Ed25519");
      members.put(
          "x",
          B64.encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)));
    }
    return JSON.valueToTree(members);
  }

  /** The JWK thumbprint (RFC 7638): SHA-256 over the required members, sorted, without spaces. */
  public static String thumbprint(PublicKey key) {
    JsonNode jwk = jwk(key);
    List<String> names = new ArrayList<>();
    jwk.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    StringBuilder json = new StringBuilder("{");
    for (String name : names) {
      json.append(json.length() > 1 ? "," : "")
          .append('"')
          .append(name)
          .append("\":\"")
          .append(jwk.path(name).asText())
          .append('"');
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(json.append('}').toString().getBytes(StandardCharsets.UTF_8));
      return b64(digest);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String b64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static byte[] fixed(BigInteger value, int size) {
    byte[] bytes = unsigned(value);
    byte[] out = new byte[size];
    System.arraycopy(bytes, 0, out, size - bytes.length, bytes.length);
    return out;
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers().map(), response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
