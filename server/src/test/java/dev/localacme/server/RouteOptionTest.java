package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.internal.standalone.RouteOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class RouteOptionTest {
  private final RouteOption.Converter converter = new RouteOption.Converter();

  @Test
  void readsNameAndHostWithDefaultPorts() {
    assertThat(converter.convert("app.test=sut"))
        .isEqualTo(new RouteOption("app.test", ValidationTarget.host("sut")));
  }

  @Test
  void readsBothPorts() {
    assertThat(converter.convert("*.app.test=10.0.0.7:8080:8443"))
        .isEqualTo(new RouteOption("*.app.test", new ValidationTarget("10.0.0.7", 8080, 8443)));
  }

  @Test
  void readsBracketedIpv6Host() {
    assertThat(converter.convert("v6.test=[::1]:8080"))
        .isEqualTo(new RouteOption("v6.test", ValidationTarget.of("::1", 8080)));
  }

  @Test
  void readsBlankAsNone() {
    assertThat(converter.convert(" ")).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "app.test",
        "=sut",
        "app.test=",
        "app.test=:80",
        "a=b:1:2:3",
        "a=[::1",
        "a=[::1]x"
      })
  void refusesWhatIsNotNameEqualsTarget(String value) {
    assertThatThrownBy(() -> converter.convert(value))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessage("route '" + value + "' is not NAME=HOST[:HTTP01PORT[:TLSALPN01PORT]]");
  }

  @Test
  void namesTheBadPort() {
    assertThatThrownBy(() -> converter.convert("app.test=sut:http"))
        .hasMessage("route 'app.test=sut:http': 'http' is not a port number");
    assertThatThrownBy(() -> converter.convert("app.test=sut:70000"))
        .hasMessage(
            "route 'app.test=sut:70000': http01Port must be between 0 and 65535, not 70000");
  }
}
