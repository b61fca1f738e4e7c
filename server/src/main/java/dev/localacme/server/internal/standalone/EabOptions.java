package dev.localacme.server.internal.standalone;

import static dev.localacme.server.internal.standalone.OptionValues.nonEmpty;
import static dev.localacme.server.internal.standalone.OptionValues.on;
import static dev.localacme.server.internal.standalone.OptionValues.split;

import dev.localacme.server.AcmeServer;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * External account binding (<a href="https://www.rfc-editor.org/rfc/rfc8555#section-7.3.4">RFC 8555
 * section 7.3.4</a>): whether new accounts need one, and the keys provisioned for it.
 */
public final class EabOptions {
  private final OptionSpec eabRequired =
      OptionSpec.builder("--eab-required")
          .type(boolean.class)
          .defaultValue("${env:LOCALACME_EAB_REQUIRED:-false}")
          .description(
              "New accounts need an external account binding (env LOCALACME_EAB_REQUIRED; default"
                  + " ${DEFAULT-VALUE}).")
          .build();

  private final OptionSpec eabKeys =
      OptionSpec.builder("--eab-key")
          .type(List.class)
          .auxiliaryTypes(String.class)
          .paramLabel("KID=HMAC_KEY")
          .splitRegex(";")
          .defaultValue("${env:LOCALACME_EAB_KEYS}")
          .description(
              "Provisions an external account binding key, the HMAC key in base64url. Repeatable"
                  + " (env LOCALACME_EAB_KEYS, separated by ;).")
          .build();

  void addTo(CommandSpec command) {
    command.addOption(eabRequired).addOption(eabKeys);
  }

  void configure(AcmeServer.Builder builder) {
    builder.externalAccountRequired(on(eabRequired));
    for (String key : nonEmpty(eabKeys.getValue())) {
      String[] kidAndKey = split(key, '=', "--eab-key", "KID=HMAC_KEY");
      builder.externalAccountKey(kidAndKey[0], kidAndKey[1]);
    }
  }
}
