package dev.localacme.server.internal.domain;

import dev.localacme.server.Profile;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.ProblemType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The certificate profiles on offer (draft-ietf-acme-profiles sections 3 and 4). */
public final class Profiles {
  private final Map<String, Profile> byName;
  private final String defaultName;
  private final Map<String, String> descriptions = new LinkedHashMap<>();

  /**
   * @param byName the profiles in the order the directory lists them
   * @param defaultName the profile of orders that ask for none
   */
  public Profiles(Map<String, Profile> byName, String defaultName) {
    if (!byName.containsKey(defaultName)) {
      throw new IllegalArgumentException("no profile " + defaultName);
    }
    this.byName = Map.copyOf(byName);
    this.defaultName = defaultName;
    byName.forEach((name, profile) -> descriptions.put(name, profile.description()));
  }

  /** The name an order records: the one asked for, or the default; never a random one. */
  public String choose(String requested) {
    if (requested == null) {
      return defaultName;
    }
    if (!byName.containsKey(requested)) {
      throw AcmeProblem.of(
          ProblemType.INVALID_PROFILE,
          "profile \""
              + requested
              + "\" is not offered; the directory's meta.profiles lists "
              + descriptions.keySet());
    }
    return requested;
  }

  /**
   * The profile an order is issued under. One that is no longer offered (after a restart with other
   * settings) is {@code invalidProfile} at finalize, as the draft's section 4 requires.
   */
  public Profile forOrder(String name) {
    Profile profile = byName.get(name == null ? defaultName : name);
    if (profile == null) {
      throw AcmeProblem.of(
          ProblemType.INVALID_PROFILE,
          "the order's profile \"" + name + "\" is no longer offered; place a new order");
    }
    return profile;
  }

  /** The directory's {@code meta.profiles}: name to description, in the configured order. */
  public Map<String, String> descriptions() {
    return Collections.unmodifiableMap(descriptions);
  }
}
