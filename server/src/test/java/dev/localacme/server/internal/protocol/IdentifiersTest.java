package dev.localacme.server.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {
  @ParameterizedTest
  @CsvSource({
    "2001:db8::1, 2001:db8::1",
    "::1, ::1",
    "::, ::",
    "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "fe80:0:0:0:0:0:0:0, fe80::",
    "1:0:0:2:0:0:0:3, 1:0:0:2::3"
  })
  void ipv6IsWrittenInRfc5952CanonicalForm(String input, String canonical) {
    assertThat(Identifiers.canonicalIp(Identifiers.parseIp(input))).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"app.test", "*.app.test", "localhost", "xn--mnchen-3ya.test", "a-b.c0.test"})
  void acceptsValidDnsNames(String name) {
    assertThatCode(() -> Identifiers.check(Identifier.dns(name))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "app.test.",
        "*",
        "*.",
        "a.*.test",
        "*a.test",
        "-a.test",
        "a-.test",
        "a..test",
        "münchen.test",
        "10.0.0.1",
        "xn--a.test",
        "ab--c.test"
      })
  void refusesMalformedDnsNames(String name) {
    assertThatThrownBy(() -> Identifiers.check(Identifier.dns(name)))
        .isInstanceOfSatisfying(
            AcmeProblem.class, p -> assertThat(p.type()).isEqualTo(ProblemType.MALFORMED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "192.0.2.10", "::1", "2001:db8::1"})
  void acceptsCanonicalIpAddresses(String ip) {
    assertThatCode(() -> Identifiers.check(Identifier.ip(ip))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"127.0.0.01", "256.0.0.1", "2001:DB8::1", "2001:db8:0::1", "localhost", "1.2.3"})
  void refusesNonCanonicalIpAddresses(String ip) {
    assertThatThrownBy(() -> Identifiers.check(Identifier.ip(ip))).isInstanceOf(AcmeProblem.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"email", "DNS", ""})
  void refusesUnknownTypes(String type) {
    assertThatThrownBy(() -> Identifiers.check(new Identifier(type, "x")))
        .isInstanceOfSatisfying(
            AcmeProblem.class,
            p -> assertThat(p.type()).isEqualTo(ProblemType.UNSUPPORTED_IDENTIFIER));
  }
}
