package dev.localacme.server.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaaIssueValueTest {
  @Test
  void parsesAnIssuerAlone() {
    assertThat(CaaIssueValue.parse("localacme"))
        .hasValue(new CaaIssueValue("localacme", List.of()));
  }

  @Test
  void parsesParametersWithWhiteSpaceAroundThem() {
    CaaIssueValue value =
        CaaIssueValue.parse(
                " ca.example ; accounturi = https://ca.example/acct/1 ;\tvalidationmethods=dns-01 ")
            .orElseThrow();

    assertThat(value.issuer()).isEqualTo("ca.example");
    assertThat(value.parameters())
        .containsExactly(
            Map.entry("accounturi", "https://ca.example/acct/1"),
            Map.entry("validationmethods", "dns-01"));
  }

  @Test
  void anEmptyIssuerIsAllowedAndMeansNone() {
    assertThat(CaaIssueValue.parse(";")).hasValue(new CaaIssueValue("", List.of()));
    assertThat(CaaIssueValue.parse("")).hasValue(new CaaIssueValue("", List.of()));
  }

  @Test
  void parameterTagsCompareCaseInsensitively() {
    CaaIssueValue value = CaaIssueValue.parse("ca; AccountURI=x; accounturi=y").orElseThrow();

    assertThat(value.parameter("accounturi")).containsExactly("x", "y");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ca example",
        "-ca.example",
        "ca..example",
        "ca.example; novalue",
        "ca.example; bad tag=x",
        "ca.example; tag=value with space",
        "ca.example; a=b;; c=d"
      })
  void rejectsValuesOutsideTheGrammar(String text) {
    assertThat(CaaIssueValue.parse(text)).isEmpty();
  }

  @Test
  void acceptsATrailingSemicolon() {
    assertThat(CaaIssueValue.parse("ca.example; a=b;")).isPresent();
  }
}
