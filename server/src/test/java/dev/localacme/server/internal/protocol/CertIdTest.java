package dev.localacme.server.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CertIdTest {
  // RFC 9773 section 4.1's example: AKI 69:88:5B:6B:..., serial 00:87:65:43:21.
  private static final String EXAMPLE = "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE";

  @Test
  void parsesTheRfcExampleKeepingTheSerialsLeadingZero() {
    CertId id = CertId.parse(EXAMPLE, "replaces");

    assertThat(id.serial()).isEqualTo(new BigInteger("87654321", 16));
    assertThat(HexFormat.of().formatHex(id.keyIdentifier()))
        .isEqualTo("69885b6b87464041e1b37b847ba0ae2cde01c8d4");
    assertThat(id.encode()).isEqualTo(EXAMPLE);
  }

  @Test
  void refusesWhatIsNotACertificateIdentifier() {
    for (String bad :
        new String[] {
          "", "abc", ".AIdlQyE", "aYhb.", "a.b.c", "aYhb=.AIdlQyE", "aYhb.gA", "aYhb.!"
        }) {
      assertThatThrownBy(() -> CertId.parse(bad, "replaces"))
          .as(bad)
          .isInstanceOfSatisfying(
              AcmeProblem.class, p -> assertThat(p.type()).isEqualTo(ProblemType.MALFORMED));
    }
  }

  @Test
  void matchesByKeyIdentifierAndSerial() {
    CertId id = CertId.parse(EXAMPLE, "replaces");
    byte[] aki = id.keyIdentifier();

    assertThat(id.matches(aki, new BigInteger("87654321", 16))).isTrue();
    assertThat(id.matches(aki, BigInteger.TEN)).isFalse();
    assertThat(id.matches(new byte[] {1}, new BigInteger("87654321", 16))).isFalse();
  }
}
