package dev.localacme.server.internal.standalone;

import static dev.localacme.server.internal.standalone.OptionValues.nonEmpty;
import static dev.localacme.server.internal.standalone.OptionValues.split;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.Profile;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The certificate profiles offered beside the built-in ones, and the profile of plain orders. */
public final class ProfileOptions {
  private final OptionSpec profiles =
      OptionSpec.builder("--profile")
          .type(List.class)
          .auxiliaryTypes(String.class)
          .paramLabel("NAME=VALIDITY[:cn]")
          .splitRegex(";")
          .defaultValue("${env:LOCALACME_PROFILES}")
          .description(
              "Offers a certificate profile, e.g. week=7d or classic=90d:cn (cn: the first name"
                  + " becomes the subject CN); validity in s, m, h, d or y, or plain seconds."
                  + " Repeatable; built in: default=90d, shortlived=6d (env LOCALACME_PROFILES,"
                  + " separated by ;).")
          .build();

  private final OptionSpec defaultProfile =
      OptionSpec.builder("--default-profile")
          .type(String.class)
          .paramLabel("<defaultProfile>")
          .defaultValue("${env:LOCALACME_DEFAULT_PROFILE:-default}")
          .description(
              "Profile of orders that ask for none (env LOCALACME_DEFAULT_PROFILE; default"
                  + " ${DEFAULT-VALUE}).")
          .build();

  void addTo(CommandSpec command) {
    command.addOption(profiles).addOption(defaultProfile);
  }

  void configure(AcmeServer.Builder builder) {
    builder.defaultProfile(defaultProfile.getValue());
    for (String profile : nonEmpty(profiles.getValue())) {
      String[] nameAndRest = split(profile, '=', "--profile", "NAME=VALIDITY[:cn]");
      String[] validityAndCn = nameAndRest[1].split(":", 2);
      boolean cn = validityAndCn.length > 1 && validityAndCn[1].equalsIgnoreCase("cn");
      if (validityAndCn.length > 1 && !cn) {
        throw new IllegalArgumentException(
            "--profile " + profile + ": only \":cn\" may follow the validity");
      }
      Duration validity = duration(validityAndCn[0], "--profile " + profile);
      builder.profile(
          nameAndRest[0], new Profile("certificates valid for " + validityAndCn[0], validity, cn));
    }
  }

  /** 518400 (seconds, as Pebble's config), 6d, 12h, 30m, 45s, 1y, or ISO-8601 such as P6D. */
  public static Duration duration(String value, String what) {
    try {
      if (value.startsWith("P") || value.startsWith("p")) {
        return Duration.parse(value);
      }
      char unit = Character.toLowerCase(value.charAt(value.length() - 1));
      if (Character.isDigit(unit)) {
        return Duration.ofSeconds(Long.parseLong(value));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (unit) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        case 'y' -> Duration.ofDays(365 * amount);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          what + ": \"" + value + "\" is not a validity such as 6d, 12h, 3600 or P6D");
    }
  }
}
