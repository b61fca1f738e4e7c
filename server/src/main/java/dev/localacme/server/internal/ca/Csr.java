package dev.localacme.server.internal.ca;

import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.Identifiers;
import dev.localacme.server.internal.protocol.ProblemType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A certificate signing request from finalize (RFC 8555 section 7.4, RFC 2986), reduced to what
 * LocalAcme uses: the public key and the requested names. Parsing checks the self-signature and the
 * key; every refusal is {@code badCSR} with a detail that names the problem.
 */
public record Csr(PublicKey key, Set<Identifier> identifiers) {

  public static Csr parse(byte[] der) {
    JcaPKCS10CertificationRequest request;
    try {
      request = new JcaPKCS10CertificationRequest(der);
    } catch (IOException | RuntimeException e) {
      throw badCsr("the CSR is not a DER-encoded PKCS#10 request");
    }
    PublicKey key;
    try {
      key = request.getPublicKey();
    } catch (Exception e) {
      throw badCsr("the CSR's public key cannot be read: " + e.getMessage());
    }
    checkKey(key);
    try {
      if (!request.isSignatureValid(ContentSigners.verifier(request.getSubjectPublicKeyInfo()))) {
        throw badCsr("the CSR's signature does not verify with its own public key");
      }
    } catch (PKCSException | org.bouncycastle.operator.OperatorCreationException e) {
      throw badCsr("the CSR's signature cannot be checked: " + e.getMessage());
    }
    Set<Identifier> names = new LinkedHashSet<>();
    for (RDN rdn : request.getSubject().getRDNs(BCStyle.CN)) {
      String cn = ((ASN1String) rdn.getFirst().getValue()).getString().toLowerCase(Locale.ROOT);
      names.add(Identifiers.looksLikeIp(cn) ? Identifier.ip(canonical(cn)) : Identifier.dns(cn));
    }
    for (Attribute attribute :
        request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
      for (var value : attribute.getAttrValues()) {
        Extensions extensions = Extensions.getInstance(value);
        GeneralNames san =
            GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        if (san != null) {
          for (GeneralName name : san.getNames()) {
            names.add(identifier(name));
          }
        }
      }
    }
    if (names.isEmpty()) {
      throw badCsr("the CSR names no identifiers; put them in the subjectAltName extension");
    }
    return new Csr(key, names);
  }

  private static Identifier identifier(GeneralName name) {
    switch (name.getTagNo()) {
      case GeneralName.dNSName:
        return Identifier.dns(((ASN1String) name.getName()).getString().toLowerCase(Locale.ROOT));
      case GeneralName.iPAddress:
        byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
        try {
          return Identifier.ip(Identifiers.canonicalIp(InetAddress.getByAddress(octets)));
        } catch (UnknownHostException e) {
          throw badCsr("the CSR has an iPAddress SAN of " + octets.length + " bytes");
        }
      default:
        throw badCsr(
            "the CSR asks for a subjectAltName of a kind LocalAcme does not issue (tag "
                + name.getTagNo()
                + "); only DNS names and IP addresses");
    }
  }

  private static String canonical(String ip) {
    return Identifiers.canonicalIp(Identifiers.parseIp(ip));
  }

  private static void checkKey(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < 2048 || bits > 8192) {
        throw badCsr("the CSR's RSA key has " + bits + " bits; use 2048 to 8192 bits");
      }
    } else if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      if (bits != 256 && bits != 384 && bits != 521) {
        throw badCsr("the CSR's EC key is on a " + bits + "-bit curve; use P-256, P-384 or P-521");
      }
    } else if (!(key instanceof EdECPublicKey ed && "Ed25519".equals(ed.getParams().getName()))) {
      throw badCsr(
          "the CSR's " + key.getAlgorithm() + " key is not accepted; use RSA, ECDSA or Ed25519");
    }
  }

  private static AcmeProblem badCsr(String detail) {
    return AcmeProblem.of(ProblemType.BAD_CSR, detail);
  }
}
