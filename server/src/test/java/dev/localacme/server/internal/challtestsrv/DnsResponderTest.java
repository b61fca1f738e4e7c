package dev.localacme.server.internal.challtestsrv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class DnsResponderTest {
  private final DnsRecordStore records = new DnsRecordStore("127.0.0.1", "");
  private final RequestHistory history = new RequestHistory();
  private final DnsResponder responder = new DnsResponder(records, history);

  @Test
  void repliesToTheQuestionWithItsIdAndRecursionFlag() throws Exception {
    Message query = query("x.test.", Type.A);

    Message reply = responder.answer(query);

    assertThat(reply.getHeader().getID()).isEqualTo(query.getHeader().getID());
    assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(reply.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(reply.getQuestion()).isEqualTo(query.getQuestion());
  }

  @Test
  void namesMatchCaseInsensitivelyAndAnswersKeepTheQuestionsSpelling() throws Exception {
    records.txt("MiXeD.test", "v");

    List<Record> answer =
        responder.answer(query("mixed.TEST.", Type.TXT)).getSection(Section.ANSWER);

    assertThat(answer)
        .singleElement()
        .satisfies(r -> assertThat(r.getName().toString()).isEqualTo("mixed.TEST."));
  }

  @Test
  void anIpAddressGetsNoARecord() throws Exception {
    assertThat(responder.answer(query("127.0.0.1.", Type.A)).getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void anEmptyDefaultIpv6AnswersNoAaaa() throws Exception {
    Message reply = responder.answer(query("x.test.", Type.AAAA));

    assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(reply.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void otherOpcodesAreNotImplemented() throws Exception {
    Message update = query("x.test.", Type.A);
    update.getHeader().setOpcode(Opcode.UPDATE);

    assertThat(responder.answer(update).getRcode()).isEqualTo(Rcode.NOTIMP);
  }

  @Test
  void recordsEveryQuestionInTheHistoryByNameWithoutTheTrailingDot() throws Exception {
    responder.answer(query("hist.test.", Type.CAA));

    assertThat(history.events("hist.test", RequestHistory.Kind.DNS))
        .containsExactly(
            new RequestHistory.DnsEvent(
                new RequestHistory.Question("hist.test.", Type.CAA, DClass.IN)));
  }

  @Test
  void splitsLongTxtValuesInto255ByteStrings() {
    byte[] rdata = DnsResponder.txtRdata("a".repeat(600));

    assertThat(rdata).hasSize(603);
    assertThat(rdata[0] & 0xff).isEqualTo(255);
    assertThat(rdata[256] & 0xff).isEqualTo(255);
    assertThat(rdata[512] & 0xff).isEqualTo(90);
  }

  private static Message query(String name, int type) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
  }
}
