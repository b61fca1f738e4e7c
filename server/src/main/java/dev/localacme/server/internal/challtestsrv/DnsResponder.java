package dev.localacme.server.internal.challtestsrv;

import dev.localacme.server.internal.protocol.Identifiers;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers DNS queries from the record store the way pebble-challtestsrv does: A, AAAA, TXT, CNAME
 * and CAA (anything else is NOTIMP); SERVFAIL for hosts marked so; a CNAME is followed one level;
 * default A and AAAA answers for names without their own; a dummy SOA in the authority section; TTL
 * 0 so nothing is cached. Unlike pebble-challtestsrv, names match case-insensitively (RFC 4343).
 */
public final class DnsResponder {
  private static final Name SOA_NAME = Name.fromConstantString("challtestsrv.invalid.");

  private final DnsRecordStore records;
  private final RequestHistory history;

  public DnsResponder(DnsRecordStore records, RequestHistory history) {
    this.records = records;
    this.history = history;
  }

  /** The reply to one query; never null, never throws for a well-formed message. */
  public Message answer(Message query) {
    Header in = query.getHeader();
    Message reply = new Message(in.getID());
    Header out = reply.getHeader();
    out.setFlag(Flags.QR);
    out.setOpcode(in.getOpcode());
    if (in.getFlag(Flags.RD)) {
      out.setFlag(Flags.RD);
    }
    if (in.getFlag(Flags.CD)) {
      out.setFlag(Flags.CD);
    }
    List<Record> questions = query.getSection(Section.QUESTION);
    if (in.getOpcode() != Opcode.QUERY) {
      out.setRcode(Rcode.NOTIMP);
      return reply;
    }
    if (questions.isEmpty()) {
      out.setRcode(Rcode.FORMERR);
      return reply;
    }
    reply.addRecord(questions.get(0), Section.QUESTION);
    for (Record question : questions) {
      history.dns(
          new RequestHistory.Question(
              question.getName().toString(), question.getType(), question.getDClass()));
      answer(question, reply);
    }
    reply.addRecord(soa(), Section.AUTHORITY);
    return reply;
  }

  private void answer(Record question, Message reply) {
    Name name = question.getName();
    String asked = name.toString();
    if (records.isServfail(asked)) {
      reply.getHeader().setRcode(Rcode.SERVFAIL);
      return;
    }
    Name lookup = name;
    Optional<String> alias = records.cnameTarget(asked);
    if (alias.isPresent()) {
      Name target = Name.fromConstantString(alias.get());
      reply.addRecord(new CNAMERecord(name, DClass.IN, 0, target), Section.ANSWER);
      lookup = target;
    }
    List<Record> answers =
        switch (question.getType()) {
          case Type.CNAME -> cname(lookup);
          case Type.TXT -> txt(lookup);
          case Type.A -> a(lookup);
          case Type.AAAA -> aaaa(lookup);
          case Type.CAA -> caa(lookup);
          default -> null;
        };
    if (answers == null) {
      reply.getHeader().setRcode(Rcode.NOTIMP);
      return;
    }
    answers.forEach(record -> reply.addRecord(record, Section.ANSWER));
  }

  private List<Record> cname(Name name) {
    return records
        .cnameTarget(name.toString())
        .<List<Record>>map(
            t -> List.of(new CNAMERecord(name, DClass.IN, 0, Name.fromConstantString(t))))
        .orElse(List.of());
  }

  private List<Record> txt(Name name) {
    List<Record> answers = new ArrayList<>();
    for (String value : records.txtValues(name.toString())) {
      answers.add(Record.newRecord(name, Type.TXT, DClass.IN, 0, txtRdata(value)));
    }
    return answers;
  }

  private List<Record> a(Name name) {
    List<Record> answers = new ArrayList<>();
    if (isIpLiteral(name)) {
      // An IP address is not a name to look up; pebble-challtestsrv answers nothing too.
      return answers;
    }
    for (String value : records.aValues(name.toString())) {
      for (InetAddress address : addresses(value, Inet4Address.class)) {
        answers.add(new ARecord(name, DClass.IN, 0, address));
      }
    }
    return answers;
  }

  private List<Record> aaaa(Name name) {
    List<Record> answers = new ArrayList<>();
    for (String value : records.aaaaValues(name.toString())) {
      for (InetAddress address : addresses(value, Inet6Address.class)) {
        answers.add(new AAAARecord(name, DClass.IN, 0, address));
      }
    }
    return answers;
  }

  private List<Record> caa(Name name) {
    List<Record> answers = new ArrayList<>();
    for (DnsRecordStore.Caa caa : records.caaRecords(name.toString())) {
      answers.add(Record.newRecord(name, Type.CAA, DClass.IN, 0, caaRdata(caa)));
    }
    return answers;
  }

  /**
   * The addresses of one record value: a literal of the right family, or a host name resolved by
   * the system (as newer pebble-challtestsrv versions do). Values that are neither are skipped.
   */
  static List<InetAddress> addresses(String value, Class<? extends InetAddress> family) {
    try {
      if (Identifiers.looksLikeIp(value)) {
        InetAddress literal = InetAddress.getByName(value);
        return family.isInstance(literal) ? List.of(literal) : List.of();
      }
      return Arrays.stream(InetAddress.getAllByName(value)).filter(family::isInstance).toList();
    } catch (UnknownHostException e) {
      return List.of();
    }
  }

  private static boolean isIpLiteral(Name name) {
    String text = name.toString(true);
    return Identifiers.looksLikeIp(text);
  }

  /** TXT rdata: the value's UTF-8 bytes as character-strings of at most 255 bytes each. */
  static byte[] txtRdata(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream rdata = new ByteArrayOutputStream();
    int offset = 0;
    do {
      int length = Math.min(255, bytes.length - offset);
      rdata.write(length);
      rdata.write(bytes, offset, length);
      offset += length;
    } while (offset < bytes.length);
    return rdata.toByteArray();
  }

  private static byte[] caaRdata(DnsRecordStore.Caa caa) {
    byte[] tag = caa.tag().getBytes(StandardCharsets.US_ASCII);
    byte[] value = caa.value().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream rdata = new ByteArrayOutputStream();
    rdata.write(caa.flags());
    rdata.write(Math.min(tag.length, 255));
    rdata.write(tag, 0, Math.min(tag.length, 255));
    rdata.write(value, 0, value.length);
    return rdata.toByteArray();
  }

  private static Record soa() {
    return new SOARecord(
        SOA_NAME,
        DClass.IN,
        0,
        Name.fromConstantString("ns.challtestsrv.invalid."),
        Name.fromConstantString("master.challtestsrv.invalid."),
        1,
        1,
        1,
        1,
        1);
  }
}
