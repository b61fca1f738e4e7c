package dev.localacme.server.internal.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The addresses of a name from its A and AAAA records. IPv4 comes first: test responders often
 * listen on IPv4 loopback only, and the http-01 and tls-alpn-01 validators try every address in
 * turn (Boulder prefers IPv6 and falls back to IPv4; the outcome is the same).
 */
public final class DnsAddresses {
  private final DnsLookup lookup;

  public DnsAddresses(DnsLookup lookup) {
    this.lookup = lookup;
  }

  /** Every address of {@code name}; empty when it has none. */
  public InetAddress[] lookup(String name) throws UnknownHostException {
    List<InetAddress> addresses = new ArrayList<>();
    try {
      for (Record record : lookup.lookup(name, Type.A).records()) {
        addresses.add(((ARecord) record).getAddress());
      }
      for (Record record : lookup.lookup(name, Type.AAAA).records()) {
        addresses.add(((AAAARecord) record).getAddress());
      }
    } catch (DnsLookup.Failure e) {
      throw new UnknownHostException(e.getMessage());
    }
    return addresses.toArray(InetAddress[]::new);
  }

  public String describe() {
    return lookup.source().describe();
  }
}
