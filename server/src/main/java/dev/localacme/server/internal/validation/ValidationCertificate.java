package dev.localacme.server.internal.validation;

import dev.localacme.server.internal.protocol.Identifiers;
import java.io.IOException;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;

/** Reads a tls-alpn-01 validation certificate (RFC 8737 section 3) for the validator's checks. */
final class ValidationCertificate {
  private ValidationCertificate() {}

  /** The SANs as {@code DNS:name} and {@code IP:canonical}; other kinds by their tag. */
  static List<String> subjectAltNames(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    Collection<List<?>> sans;
    try {
      sans = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return List.of("(unreadable: " + e.getMessage() + ")");
    }
    if (sans == null) {
      return names;
    }
    for (List<?> san : sans) {
      int type = (Integer) san.get(0);
      Object value = san.get(1);
      if (type == 2) {
        names.add("DNS:" + value);
      } else if (type == 7) {
        names.add("IP:" + canonicalIp(String.valueOf(value)));
      } else {
        names.add("type" + type + ":" + value);
      }
    }
    return names;
  }

  /** For the record of what was seen: absent, or critical/non-critical with the value in hex. */
  static String describeAcmeIdentifier(X509Certificate certificate) {
    byte[] value = certificate.getExtensionValue(TlsAlpn01Validator.ACME_IDENTIFIER_OID);
    if (value == null) {
      return "absent";
    }
    String critical = critical(certificate) ? "critical" : "non-critical";
    byte[] digest = unwrap(value);
    return critical
        + " "
        + (digest == null ? "(not an OCTET STRING)" : TlsAlpn01Validator.hex(digest));
  }

  /** Null when the extension is present, critical and equal to {@code expected}; else why not. */
  static String acmeIdentifierProblem(X509Certificate certificate, byte[] expected) {
    byte[] value = certificate.getExtensionValue(TlsAlpn01Validator.ACME_IDENTIFIER_OID);
    if (value == null) {
      return "it has no acmeIdentifier extension (" + TlsAlpn01Validator.ACME_IDENTIFIER_OID + ")";
    }
    if (!critical(certificate)) {
      return "its acmeIdentifier extension is not marked critical";
    }
    byte[] digest = unwrap(value);
    if (digest == null || digest.length != 32) {
      return "its acmeIdentifier extension is not an OCTET STRING of 32 bytes";
    }
    if (!MessageDigest.isEqual(digest, expected)) {
      return "its acmeIdentifier is "
          + TlsAlpn01Validator.hex(digest)
          + " but SHA-256 of the key authorization is "
          + TlsAlpn01Validator.hex(expected);
    }
    return null;
  }

  private static boolean critical(X509Certificate certificate) {
    Set<String> oids = certificate.getCriticalExtensionOIDs();
    return oids != null && oids.contains(TlsAlpn01Validator.ACME_IDENTIFIER_OID);
  }

  /**
   * The digest inside the extension: {@code getExtensionValue} returns the extnValue OCTET STRING,
   * whose content is the DER OCTET STRING holding the digest, so it is unwrapped twice.
   */
  private static byte[] unwrap(byte[] extensionValue) {
    try {
      byte[] inner = ASN1OctetString.getInstance(extensionValue).getOctets();
      return ASN1OctetString.getInstance(inner).getOctets();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String canonicalIp(String value) {
    try {
      return Identifiers.canonicalIp(InetAddress.getByName(value));
    } catch (IOException e) {
      return value;
    }
  }
}
