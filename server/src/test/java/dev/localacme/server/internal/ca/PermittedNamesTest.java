package dev.localacme.server.internal.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.AcmeServerConfig;
import dev.localacme.server.internal.protocol.Identifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermittedNamesTest {
  private final PermittedNames development =
      PermittedNames.parse(AcmeServerConfig.DEVELOPMENT_NAMES);

  @Test
  void domainPermitsItselfAndEveryNameBelowItButNotLookAlikes() {
    assertThat(development.permits(Identifier.dns("test"))).isTrue();
    assertThat(development.permits(Identifier.dns("a.b.test"))).isTrue();
    assertThat(development.permits(Identifier.dns("*.b.TEST"))).isTrue();
    assertThat(development.permits(Identifier.dns("contest"))).isFalse();
    assertThat(development.permits(Identifier.dns("test.com"))).isFalse();
  }

  @Test
  void rangesPermitTheirAddressesOnly() {
    assertThat(development.permits(Identifier.ip("127.255.0.1"))).isTrue();
    assertThat(development.permits(Identifier.ip("128.0.0.1"))).isFalse();
    assertThat(development.permits(Identifier.ip("::1"))).isTrue();
    assertThat(development.permits(Identifier.ip("::2"))).isFalse();
  }

  @Test
  void wildcardAndDotFormsNameTheSameSubtree() {
    assertThat(PermittedNames.parse(List.of("*.Corp.Example.org", ".corp.example.org")).domains())
        .containsExactly("corp.example.org");
    assertThat(PermittedNames.parse(List.of("10.1.2.3/8")).ranges()).containsExactly("10.0.0.0/8");
  }

  @Test
  void coverageKnowsWhatIsMissing() {
    PermittedNames wider = PermittedNames.parse(List.of("app.test", "example.org", "10.1.0.0/16"));

    assertThat(development.covers(PermittedNames.parse(List.of("app.test", "127.0.0.1")))).isTrue();
    assertThat(development.missing(wider)).containsExactly("example.org", "10.1.0.0/16");
  }

  @Test
  void descriptionListsDomainsAndAddresses() {
    assertThat(development.describe())
        .isEqualTo(
            "localhost, test, internal, example, local (and every name below them);"
                + " 127.0.0.0/8, ::1");
  }

  @Test
  void badEntriesAreRefusedWithWhatIsWrong() {
    assertThatThrownBy(() -> PermittedNames.parse(List.of("exa mple.org")))
        .hasMessageContaining("\"exa mple.org\" is neither a domain");
    assertThatThrownBy(() -> PermittedNames.parse(List.of("10.0.0.0/33")))
        .hasMessageContaining("prefix length outside 0 to 32");
    assertThatThrownBy(() -> PermittedNames.parse(List.of("a.*.test")))
        .hasMessageContaining("neither a domain");
  }
}
