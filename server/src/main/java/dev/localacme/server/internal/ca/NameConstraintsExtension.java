package dev.localacme.server.internal.ca;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * The X.509 name constraints of a root that is safe to trust (RFC 5280 section 4.2.1.10): a
 * permitted subtree per DNS domain (which covers the domain and every name below it) and per IP
 * range in CIDR notation. With at least one range listed, every IP address outside the ranges is
 * excluded too.
 */
public final class NameConstraintsExtension {
  private NameConstraintsExtension() {}

  /**
   * {@code permitted}: domains such as {@code test}, {@code *.test} or {@code localhost}, ranges
   * such as {@code 127.0.0.0/8}, single addresses such as {@code ::1}.
   */
  public static NameConstraints permitting(List<String> permitted) {
    PermittedNames names = PermittedNames.parse(permitted);
    List<GeneralSubtree> subtrees = new ArrayList<>();
    for (String domain : names.domains()) {
      subtrees.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, domain)));
    }
    for (String range : names.ranges()) {
      subtrees.add(range(range));
    }
    return new NameConstraints(subtrees.toArray(GeneralSubtree[]::new), null);
  }

  private static GeneralSubtree range(String range) {
    int slash = range.indexOf('/');
    try {
      byte[] address = InetAddress.getByName(range.substring(0, slash)).getAddress();
      int prefix = Integer.parseInt(range.substring(slash + 1));
      byte[] value = new byte[address.length * 2];
      System.arraycopy(address, 0, value, 0, address.length);
      for (int bit = 0; bit < prefix; bit++) {
        value[address.length + bit / 8] |= (byte) (0x80 >>> (bit % 8));
      }
      return new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(value)));
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException("not an IP range in CIDR notation: " + range, e);
    }
  }
}
