package dev.localacme.server.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.Profile;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.ProblemType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilesTest {
  private static final Profiles PROFILES = new Profiles(offered(), "default");

  @Test
  void noRequestedProfileMeansTheDefaultOne() {
    assertThat(PROFILES.choose(null)).isEqualTo("default");
    assertThat(PROFILES.choose("shortlived")).isEqualTo("shortlived");
  }

  @Test
  void directoryListsProfilesInTheConfiguredOrder() {
    assertThat(PROFILES.descriptions().keySet()).containsExactly("default", "shortlived");
  }

  @Test
  void orderWhoseProfileIsNoLongerOfferedIsInvalidProfileAtFinalize() {
    assertThatThrownBy(() -> PROFILES.forOrder("withdrawn"))
        .isInstanceOfSatisfying(
            AcmeProblem.class, p -> assertThat(p.type()).isEqualTo(ProblemType.INVALID_PROFILE))
        .hasMessageContaining("withdrawn");
    assertThat(PROFILES.forOrder(null)).isEqualTo(Profile.DEFAULT);
  }

  private static Map<String, Profile> offered() {
    Map<String, Profile> profiles = new LinkedHashMap<>();
    profiles.put("default", Profile.DEFAULT);
    profiles.put("shortlived", Profile.SHORT_LIVED);
    return profiles;
  }
}
