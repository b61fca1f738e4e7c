package dev.localacme.server.internal.validation;

import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.Identifiers;
import dev.localacme.server.internal.protocol.ProblemType;
import dev.localacme.server.internal.protocol.ValidationRecordJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * tls-alpn-01 (RFC 8737, RFC 8738 section 6): a TLS 1.2+ handshake to the identifier's target
 * offering only ALPN {@code acme-tls/1}, with SNI the name (or the reverse-DNS name of an IP). The
 * server must select {@code acme-tls/1} and present a certificate with exactly one SAN, the
 * identifier, and the critical acmeIdentifier extension holding SHA-256 of the key authorization.
 * The certificate is not verified (it is self-signed); no application data is sent.
 */
public final class TlsAlpn01Validator implements ChallengeValidator {
  static final String ACME_TLS_1 = "acme-tls/1";
  static final String ACME_IDENTIFIER_OID = "1.3.6.1.5.5.7.1.31";

  private final Targets targets;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private SSLContext trustAll;

  public TlsAlpn01Validator(Targets targets, Duration connectTimeout, Duration readTimeout) {
    this.targets = targets;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /**
   * Made at the first tls-alpn-01 validation, not at start: a JVM's first TLS context costs tens of
   * milliseconds, which most runs never need to spend here.
   */
  private synchronized SSLContext trustAll() {
    if (trustAll == null) {
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAllManager()}, null);
        trustAll = context;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    return trustAll;
  }

  @Override
  public String type() {
    return "tls-alpn-01";
  }

  /** What one handshake showed. */
  record Handshake(String protocol, String tlsVersion, X509Certificate leaf) {}

  @Override
  public ValidationResult validate(ValidationRequest request) {
    Identifier identifier = request.identifier();
    String name = identifier.value();
    String sni =
        identifier.isIp()
            ? Identifiers.reverseDnsName(Identifiers.parseIp(name))
            : name.toLowerCase(Locale.ROOT);
    int port = targets.tlsAlpn01Port(name);
    InetAddress[] addresses;
    try {
      addresses = targets.addresses(name);
    } catch (UnknownHostException e) {
      String what = "the name does not resolve: " + e.getMessage();
      return failure(ProblemType.DNS, name + ":" + port, name, port, "", what);
    }
    String shown =
        String.join(",", Arrays.stream(addresses).map(Identifiers::canonicalIp).toList());
    String target =
        (name.contains(":") ? "[" + name + "]" : name)
            + ":"
            + port
            + " ("
            + shown
            + ", SNI "
            + sni
            + ")";
    IOException refused = null;
    for (InetAddress address : addresses) {
      Handshake handshake;
      try {
        handshake = handshake(new InetSocketAddress(address, port), sni);
      } catch (ConnectException e) {
        refused = e;
        continue;
      } catch (SSLException e) {
        String what = "the TLS handshake failed: " + e.getMessage();
        return failure(ProblemType.TLS, target, name, port, shown, what);
      } catch (SocketTimeoutException e) {
        String what = "no connection or handshake within the timeout: " + e.getMessage();
        return failure(ProblemType.CONNECTION, target, name, port, shown, what);
      } catch (IOException e) {
        String what = e.getClass().getSimpleName() + ": " + e.getMessage();
        return failure(ProblemType.CONNECTION, target, name, port, shown, what);
      }
      return check(request, handshake, target, name, port, shown);
    }
    String what =
        "connection refused: nothing is listening there ("
            + (refused == null ? "no address" : refused.getMessage())
            + "). Start the system under test's tls-alpn-01 responder on that port, or point"
            + " LocalAcme at its port";
    return failure(ProblemType.CONNECTION, target, name, port, shown, what);
  }

  private Handshake handshake(InetSocketAddress address, String sni) throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(address, (int) connectTimeout.toMillis());
      plain.setSoTimeout((int) readTimeout.toMillis());
      try (SSLSocket tls =
          (SSLSocket)
              trustAll().getSocketFactory().createSocket(plain, sni, address.getPort(), true)) {
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        parameters.setApplicationProtocols(new String[] {ACME_TLS_1});
        parameters.setServerNames(List.of(new SNIHostName(sni)));
        parameters.setEndpointIdentificationAlgorithm(null);
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        Certificate[] chain = tls.getSession().getPeerCertificates();
        return new Handshake(
            tls.getApplicationProtocol(),
            tls.getSession().getProtocol(),
            (X509Certificate) chain[0]);
      }
    } finally {
      plain.close();
    }
  }

  private ValidationResult check(
      ValidationRequest request,
      Handshake handshake,
      String target,
      String name,
      int port,
      String shown) {
    String protocol = handshake.protocol() == null ? "" : handshake.protocol();
    X509Certificate leaf = handshake.leaf();
    List<String> sans = ValidationCertificate.subjectAltNames(leaf);
    String seen =
        handshake.tlsVersion()
            + ", ALPN \""
            + protocol
            + "\", certificate SANs "
            + sans
            + ", acmeIdentifier "
            + ValidationCertificate.describeAcmeIdentifier(leaf);
    List<ValidationRecordJson> records =
        List.of(
            new ValidationRecordJson(
                null, name, String.valueOf(port), List.of(shown.split(",")), null, seen));
    if (!ACME_TLS_1.equals(protocol)) {
      return ValidationResult.invalid(
          ProblemType.INCORRECT_RESPONSE,
          "the TLS server at "
              + target
              + " negotiated ALPN \""
              + protocol
              + "\" instead of acme-tls/1; it must answer tls-alpn-01 handshakes with the"
              + " validation certificate (RFC 8737 section 3)",
          target,
          seen,
          records);
    }
    String expectedSan = (request.identifier().isIp() ? "IP:" : "DNS:") + canonical(request);
    if (sans.size() != 1 || !sans.get(0).equalsIgnoreCase(expectedSan)) {
      return ValidationResult.invalid(
          ProblemType.INCORRECT_RESPONSE,
          "the certificate from "
              + target
              + " has subjectAltNames "
              + sans
              + "; tls-alpn-01 needs exactly one, "
              + expectedSan,
          target,
          seen,
          records);
    }
    byte[] expected = sha256(request.keyAuthorization());
    String problem = ValidationCertificate.acmeIdentifierProblem(leaf, expected);
    if (problem != null) {
      return ValidationResult.invalid(
          ProblemType.INCORRECT_RESPONSE,
          "the certificate from " + target + ": " + problem,
          target,
          seen,
          records);
    }
    return ValidationResult.valid(target, seen, records);
  }

  private static String canonical(ValidationRequest request) {
    Identifier identifier = request.identifier();
    return identifier.isIp()
        ? Identifiers.canonicalIp(Identifiers.parseIp(identifier.value()))
        : identifier.value().toLowerCase(Locale.ROOT);
  }

  static byte[] sha256(String keyAuthorization) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(keyAuthorization.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static ValidationResult failure(
      ProblemType type, String target, String name, int port, String shown, String what) {
    List<ValidationRecordJson> records =
        List.of(
            new ValidationRecordJson(
                null,
                name,
                String.valueOf(port),
                shown.isEmpty() ? null : List.of(shown.split(",")),
                null,
                what));
    return ValidationResult.invalid(
        type, "tls-alpn-01 handshake with " + target + " failed: " + what, target, what, records);
  }
}
