package dev.localacme.server.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalAccountKeysTest {
  @Test
  void acceptsPaddedUnpaddedAndStandardBase64() {
    byte[] expected = {(byte) 0xfb, (byte) 0xff, 0x01, 0x02};

    assertThat(ExternalAccountKeys.decode("k", "-_8BAg")).isEqualTo(expected);
    assertThat(ExternalAccountKeys.decode("k", "-_8BAg==")).isEqualTo(expected);
    assertThat(ExternalAccountKeys.decode("k", "+/8BAg==")).isEqualTo(expected);
  }

  @Test
  void refusesKeysThatAreNotBase64NamingTheKeyId() {
    for (String bad : new String[] {"", "a", "not base64!", "ab=c"}) {
      assertThatThrownBy(() -> ExternalAccountKeys.decode("kid-7", bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("kid-7");
    }
  }

  @Test
  void resetKeepsOnlyTheConfiguredKeys() {
    ExternalAccountKeys keys = new ExternalAccountKeys(true, Map.of("configured", "AAAA"));
    keys.add("runtime", "AQID");

    keys.reset();

    assertThat(keys.kids()).containsExactly("configured");
    assertThat(keys.key("runtime")).isEmpty();
    assertThat(keys.required()).isTrue();
  }
}
