package dev.localacme.server.internal.validation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks records of one type up in a {@link DnsSource}, following CNAMEs (in the answer, or by
 * asking again for the target) up to {@value #MAX_CNAMES} deep. NXDOMAIN and an empty answer are no
 * records; every other error is a {@link Failure}. Nothing is cached: records change between tests.
 */
public final class DnsLookup {
  static final int MAX_CNAMES = 8;

  /** Records found, and the aliases followed to them. */
  public record Result(List<Record> records, List<String> aliases) {}

  /** A lookup that got no usable answer (SERVFAIL, REFUSED, timeout); RFC 8555 {@code dns}. */
  public static final class Failure extends Exception {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private final DnsSource source;

  public DnsLookup(DnsSource source) {
    this.source = source;
  }

  public DnsSource source() {
    return source;
  }

  public Result lookup(String name, int type) throws Failure {
    Name current = parse(name);
    List<String> aliases = new ArrayList<>();
    for (int depth = 0; depth <= MAX_CNAMES; depth++) {
      Message reply = ask(current, type);
      int rcode = reply.getRcode();
      if (rcode == Rcode.NXDOMAIN) {
        return new Result(List.of(), aliases);
      }
      if (rcode != Rcode.NOERROR) {
        throw new Failure(
            source.describe()
                + " answered "
                + Rcode.string(rcode)
                + " for "
                + Type.string(type)
                + " "
                + current.toString(true));
      }
      List<Record> answer = reply.getSection(Section.ANSWER);
      Name asked = current;
      while (true) {
        Name owner = current;
        List<Record> found =
            answer.stream().filter(r -> r.getType() == type && r.getName().equals(owner)).toList();
        if (!found.isEmpty()) {
          return new Result(found, aliases);
        }
        Optional<Record> alias =
            answer.stream()
                .filter(r -> r.getType() == Type.CNAME && r.getName().equals(owner))
                .findFirst();
        if (alias.isEmpty()) {
          break;
        }
        if (aliases.size() >= MAX_CNAMES) {
          throw new Failure("more than " + MAX_CNAMES + " CNAMEs from " + name);
        }
        current = ((CNAMERecord) alias.get()).getTarget();
        aliases.add(current.toString(true));
      }
      if (current.equals(asked)) {
        return new Result(List.of(), aliases);
      }
    }
    throw new Failure("more than " + MAX_CNAMES + " CNAMEs from " + name);
  }

  private Message ask(Name name, int type) throws Failure {
    try {
      return source.query(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    } catch (IOException e) {
      throw new Failure(
          "no answer from "
              + source.describe()
              + " for "
              + Type.string(type)
              + " "
              + name.toString(true)
              + ": "
              + e.getMessage());
    }
  }

  private static Name parse(String name) throws Failure {
    try {
      return Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new Failure("\"" + name + "\" is not a DNS name: " + e.getMessage());
    }
  }
}
