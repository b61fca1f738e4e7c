package dev.localacme.server.support;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/** Asks a DNS server one question, as dig would, over UDP (retrying TCP on TC) or TCP only. */
public final class Dig {
  private final SimpleResolver resolver;

  public Dig(int port, boolean tcpOnly) {
    resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
    resolver.setTCP(tcpOnly);
    resolver.setTimeout(Duration.ofSeconds(5));
  }

  public static Dig udp(int port) {
    return new Dig(port, false);
  }

  public static Dig tcp(int port) {
    return new Dig(port, true);
  }

  /** Plain UDP without EDNS (answers up to 512 bytes), keeping truncated answers as they come. */
  public static Dig udpOnly(int port) {
    Dig dig = new Dig(port, false);
    dig.resolver.setEDNS(-1);
    dig.resolver.setIgnoreTruncation(true);
    return dig;
  }

  public Message query(String name, int type) throws Exception {
    Name qname = Name.fromString(name.endsWith(".") ? name : name + ".");
    return resolver.send(Message.newQuery(Record.newRecord(qname, type, DClass.IN)));
  }

  /**
   * The answer section as zone-file text without TTL and class, for example {@code a.test. A
   * 1.2.3.4}.
   */
  public List<String> answers(String name, int type) throws Exception {
    return text(query(name, type).getSection(Section.ANSWER));
  }

  public static List<String> text(List<Record> records) {
    return records.stream()
        .map(
            r ->
                r.getName()
                    + " "
                    + org.xbill.DNS.Type.string(r.getType())
                    + " "
                    + r.rdataToString())
        .toList();
  }
}
