package dev.localacme.server.internal.ca;

import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.Identifiers;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * The names a name-constrained CA may certify (RFC 5280 section 4.2.1.10): DNS domains, each with
 * every name below it, and IP address ranges. Entries are written {@code test} or {@code *.test}
 * (the same subtree), {@code 127.0.0.0/8}, or a single address such as {@code ::1}.
 */
public record PermittedNames(List<String> domains, List<String> ranges) {

  public PermittedNames {
    domains = List.copyOf(domains);
    ranges = List.copyOf(ranges);
  }

  /** Parses entries; an entry that is neither a domain nor an address range is refused. */
  public static PermittedNames parse(List<String> entries) {
    Set<String> domains = new LinkedHashSet<>();
    Set<String> ranges = new LinkedHashSet<>();
    for (String entry : entries) {
      String e = entry.trim().toLowerCase(Locale.ROOT);
      if (e.contains("/") || Identifiers.looksLikeIp(e)) {
        ranges.add(canonicalRange(e));
      } else {
        domains.add(domain(entry, e));
      }
    }
    return new PermittedNames(List.copyOf(domains), List.copyOf(ranges));
  }

  /** What a CA certificate's name constraints permit; empty if it has none. */
  public static Optional<PermittedNames> of(X509Certificate ca) {
    byte[] extension = ca.getExtensionValue(Extension.nameConstraints.getId());
    if (extension == null) {
      return Optional.empty();
    }
    NameConstraints constraints =
        NameConstraints.getInstance(ASN1OctetString.getInstance(extension).getOctets());
    List<String> domains = new ArrayList<>();
    List<String> ranges = new ArrayList<>();
    GeneralSubtree[] permitted = constraints.getPermittedSubtrees();
    for (GeneralSubtree subtree : permitted == null ? new GeneralSubtree[0] : permitted) {
      GeneralName base = subtree.getBase();
      if (base.getTagNo() == GeneralName.dNSName) {
        domains.add(ASN1IA5String.getInstance(base.getName()).getString().toLowerCase(Locale.ROOT));
      } else if (base.getTagNo() == GeneralName.iPAddress) {
        ranges.add(range(ASN1OctetString.getInstance(base.getName()).getOctets()));
      }
    }
    return Optional.of(new PermittedNames(domains, ranges));
  }

  /** Every entry, domains first, in the form {@link #parse} reads. */
  public List<String> entries() {
    List<String> all = new ArrayList<>(domains);
    all.addAll(ranges);
    return all;
  }

  /** Whether a certificate for this identifier passes the constraints. */
  public boolean permits(Identifier identifier) {
    if (identifier.isIp()) {
      return permitsAddress(identifier.value());
    }
    return permitsName(identifier.baseName());
  }

  /** Whether every name and range {@code other} permits is permitted here too. */
  public boolean covers(PermittedNames other) {
    return other.domains.stream().allMatch(this::permitsName)
        && other.ranges.stream().allMatch(this::coversRange);
  }

  /** The entries of {@code other} that this does not permit. */
  public List<String> missing(PermittedNames other) {
    List<String> missing = new ArrayList<>();
    other.domains.stream().filter(d -> !permitsName(d)).forEach(missing::add);
    other.ranges.stream().filter(r -> !coversRange(r)).forEach(missing::add);
    return missing;
  }

  /** For people: {@code localhost, test, ... (and every name below them); 127.0.0.0/8, ::1}. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    if (!domains.isEmpty()) {
      out.append(String.join(", ", domains)).append(" (and every name below them)");
    }
    if (!ranges.isEmpty()) {
      out.append(out.length() > 0 ? "; " : "").append(String.join(", ", shortRanges()));
    }
    return out.length() == 0 ? "nothing" : out.toString();
  }

  /** A DNS name, or an IP literal, passes the constraints. */
  public boolean permitsName(String name) {
    if (Identifiers.looksLikeIp(name)) {
      return permitsAddress(name);
    }
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("*.")) {
      n = n.substring(2);
    }
    for (String domain : domains) {
      if (n.equals(domain) || n.endsWith("." + domain)) {
        return true;
      }
    }
    return false;
  }

  private boolean permitsAddress(String address) {
    byte[] bytes = address(address);
    return ranges.stream().anyMatch(r -> inRange(bytes, r));
  }

  private boolean coversRange(String range) {
    int slash = range.indexOf('/');
    byte[] start = address(range.substring(0, slash));
    int prefix = Integer.parseInt(range.substring(slash + 1));
    for (String mine : ranges) {
      int myPrefix = Integer.parseInt(mine.substring(mine.indexOf('/') + 1));
      if (myPrefix <= prefix && inRange(start, mine)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inRange(byte[] address, String range) {
    int slash = range.indexOf('/');
    byte[] network = address(range.substring(0, slash));
    int prefix = Integer.parseInt(range.substring(slash + 1));
    if (network.length != address.length) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((network[bit / 8] & mask) != (address[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private List<String> shortRanges() {
    return ranges.stream()
        .map(r -> r.endsWith("/32") || r.endsWith("/128") ? r.substring(0, r.indexOf('/')) : r)
        .toList();
  }

  private static String domain(String entry, String lower) {
    String d = lower.startsWith("*.") ? lower.substring(2) : lower;
    if (d.startsWith(".")) {
      d = d.substring(1);
    }
    if (d.isEmpty() || d.contains("*") || !d.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
      throw new IllegalArgumentException(
          "\""
              + entry
              + "\" is neither a domain (such as dev.example.org or *.dev.example.org) nor an IP"
              + " range (such as 10.0.0.0/8)");
    }
    return d;
  }

  private static String canonicalRange(String entry) {
    int slash = entry.indexOf('/');
    String host = slash < 0 ? entry : entry.substring(0, slash);
    byte[] bytes;
    try {
      if (!Identifiers.looksLikeIp(host)) {
        throw new UnknownHostException(host);
      }
      bytes = InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "\"" + entry + "\" is not an IP address or range (such as 10.0.0.0/8 or fd00::/8)");
    }
    int bits = bytes.length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(entry.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException(
          "\"" + entry + "\" has a prefix length outside 0 to " + bits);
    }
    for (int bit = prefix; bit < bits; bit++) {
      bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return text(bytes) + "/" + prefix;
  }

  private static String range(byte[] addressAndMask) {
    int length = addressAndMask.length / 2;
    byte[] network = new byte[length];
    System.arraycopy(addressAndMask, 0, network, 0, length);
    int prefix = 0;
    for (int i = length; i < addressAndMask.length; i++) {
      prefix += Integer.bitCount(addressAndMask[i] & 0xff);
    }
    return text(network) + "/" + prefix;
  }

  private static byte[] address(String literal) {
    return Identifiers.parseIp(literal).getAddress();
  }

  private static String text(byte[] address) {
    try {
      return Identifiers.canonicalIp(InetAddress.getByAddress(address));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
