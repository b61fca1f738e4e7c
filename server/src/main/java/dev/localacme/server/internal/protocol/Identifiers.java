package dev.localacme.server.internal.protocol;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax rules for identifiers (RFC 8555 section 7.1.4, RFC 8738 section 3): DNS names as LDH
 * A-labels with at most a leading wildcard label, IP addresses in canonical text form. Values are
 * never rewritten; a value that is not canonical is refused with a detail that shows the canonical
 * form.
 */
public final class Identifiers {
  private static final Pattern LABEL =
      Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  private Identifiers() {}

  /** Checks an identifier from newOrder or newAuthz; throws the right problem if it is bad. */
  public static void check(Identifier identifier) {
    if (identifier == null || identifier.type() == null || identifier.value() == null) {
      throw AcmeProblem.malformed("an identifier needs a \"type\" and a \"value\"");
    }
    switch (identifier.type()) {
      case Identifier.DNS -> checkDnsName(identifier.value());
      case Identifier.IP -> checkIp(identifier.value());
      default ->
          throw AcmeProblem.of(
              ProblemType.UNSUPPORTED_IDENTIFIER,
              "identifier type \"" + identifier.type() + "\" is not supported; use dns or ip");
    }
  }

  /** True for strings that are IP literals rather than names. */
  public static boolean looksLikeIp(String value) {
    return IPV4.matcher(value).matches()
        || (value.contains(":") && IPV6_CHARS.matcher(value).matches());
  }

  /** The canonical text of an IP address: dotted decimal, or RFC 5952 section 4 for IPv6. */
  public static String canonicalIp(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 4) {
      return address.getHostAddress();
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  /** Parses an IP literal without any DNS lookup. */
  public static InetAddress parseIp(String value) {
    if (!looksLikeIp(value)) {
      throw AcmeProblem.malformed("\"" + value + "\" is not an IP address");
    }
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      throw AcmeProblem.malformed("\"" + value + "\" is not an IP address");
    }
  }

  /**
   * The reverse-DNS name of an address, without the trailing dot: {@code 1.0.0.127.in-addr.arpa},
   * or the nibble form under {@code ip6.arpa} (RFC 1035 section 3.5, RFC 3596 section 2.5). It is
   * the SNI of tls-alpn-01 for IP identifiers (RFC 8738 section 6).
   */
  public static String reverseDnsName(InetAddress address) {
    byte[] bytes = address.getAddress();
    StringBuilder name = new StringBuilder();
    if (bytes.length == 4) {
      for (int i = 3; i >= 0; i--) {
        name.append(bytes[i] & 0xff).append('.');
      }
      return name.append("in-addr.arpa").toString();
    }
    for (int i = 15; i >= 0; i--) {
      name.append(Character.forDigit(bytes[i] & 0xf, 16)).append('.');
      name.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append('.');
    }
    return name.append("ip6.arpa").toString();
  }

  /** The address a full reverse-DNS name stands for, if it is one (trailing dot optional). */
  public static Optional<InetAddress> fromReverseDnsName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".")) {
      lower = lower.substring(0, lower.length() - 1);
    }
    String[] labels = lower.split("\\.", -1);
    byte[] bytes;
    if (lower.endsWith(".in-addr.arpa") && labels.length == 6) {
      bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (!labels[i].matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(labels[i]) > 255) {
          return Optional.empty();
        }
        bytes[3 - i] = (byte) Integer.parseInt(labels[i]);
      }
    } else if (lower.endsWith(".ip6.arpa") && labels.length == 34) {
      bytes = new byte[16];
      for (int i = 0; i < 32; i++) {
        if (!labels[i].matches("[0-9a-f]")) {
          return Optional.empty();
        }
        int nibble = Character.digit(labels[i].charAt(0), 16);
        int index = 15 - i / 2;
        bytes[index] = (byte) (bytes[index] | (i % 2 == 0 ? nibble : nibble << 4));
      }
    } else {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static void checkIp(String value) {
    var v4 = IPV4.matcher(value);
    if (v4.matches()) {
      for (int i = 1; i <= 4; i++) {
        String part = v4.group(i);
        if (Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
          throw AcmeProblem.malformed(
              "\"" + value + "\" is not an IPv4 address in dotted-decimal form (RFC 1123 2.1)");
        }
      }
      return;
    }
    if (!value.contains(":")) {
      throw AcmeProblem.malformed("\"" + value + "\" is not an IPv4 or IPv6 address");
    }
    String canonical = canonicalIp(parseIp(value));
    if (!canonical.equals(value)) {
      throw AcmeProblem.malformed(
          "IPv6 identifiers must be in RFC 5952 canonical form: write \""
              + canonical
              + "\", not \""
              + value
              + "\"");
    }
  }

  private static void checkDnsName(String value) {
    if (value.isEmpty()) {
      throw AcmeProblem.malformed("a dns identifier needs a name");
    }
    if (value.length() > 253) {
      throw AcmeProblem.malformed("\"" + value + "\" is longer than 253 characters");
    }
    if (value.endsWith(".")) {
      throw AcmeProblem.malformed(
          "\"" + value + "\" ends with a dot; send the name without the trailing dot");
    }
    if (looksLikeIp(value)) {
      throw AcmeProblem.malformed(
          "\"" + value + "\" is an IP address; send it as an identifier of type \"ip\" (RFC 8738)");
    }
    String[] labels = value.split("\\.", -1);
    for (int i = 0; i < labels.length; i++) {
      String label = labels[i];
      if (label.equals("*") && i == 0) {
        if (labels.length < 2) {
          throw AcmeProblem.malformed("a wildcard needs a base name, as in *.example.test");
        }
        continue;
      }
      if (label.contains("*")) {
        throw AcmeProblem.malformed(
            "\"" + value + "\": a wildcard must be the whole leftmost label, as in *.example.test");
      }
      if (label.isEmpty()) {
        throw AcmeProblem.malformed("\"" + value + "\" has an empty label");
      }
      if (!LABEL.matcher(label).matches()) {
        throw AcmeProblem.malformed(
            "\""
                + value
                + "\" has an invalid label \""
                + label
                + "\"; labels are letters, digits and inner hyphens (use punycode A-labels for"
                + " international names)");
      }
      if (label.length() >= 4 && label.regionMatches(true, 2, "--", 0, 2)) {
        checkALabel(value, label);
      }
    }
  }

  private static void checkALabel(String value, String label) {
    if (!label.toLowerCase(Locale.ROOT).startsWith("xn--")) {
      throw AcmeProblem.malformed(
          "\""
              + value
              + "\": label \""
              + label
              + "\" has hyphens in positions 3 and 4 but is not"
              + " an xn-- A-label");
    }
    try {
      // IDN.toUnicode gives its input back unchanged when it cannot decode it.
      String unicode = IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES);
      String back = IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES);
      if (unicode.equalsIgnoreCase(label) || !back.equalsIgnoreCase(label)) {
        throw new IllegalArgumentException("does not round-trip");
      }
    } catch (IllegalArgumentException e) {
      throw AcmeProblem.malformed(
          "\"" + value + "\": \"" + label + "\" is not a valid punycode A-label (RFC 5891)");
    }
  }
}
