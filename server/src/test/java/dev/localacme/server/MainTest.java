package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.internal.standalone.ProfileOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void profileValiditiesReadSecondsUnitsAndIso8601() {
    assertThat(ProfileOptions.duration("518400", "p")).isEqualTo(Duration.ofDays(6));
    assertThat(ProfileOptions.duration("6d", "p")).isEqualTo(Duration.ofDays(6));
    assertThat(ProfileOptions.duration("12h", "p")).isEqualTo(Duration.ofHours(12));
    assertThat(ProfileOptions.duration("30m", "p")).isEqualTo(Duration.ofMinutes(30));
    assertThat(ProfileOptions.duration("45s", "p")).isEqualTo(Duration.ofSeconds(45));
    assertThat(ProfileOptions.duration("2y", "p")).isEqualTo(Duration.ofDays(730));
    assertThat(ProfileOptions.duration("P6D", "p")).isEqualTo(Duration.ofDays(6));
  }

  @Test
  void badValidityNamesTheOption() {
    assertThatThrownBy(() -> ProfileOptions.duration("6 weeks", "--profile x=6 weeks"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--profile x=6 weeks");
  }
}
