package dev.localacme.server.internal.standalone;

import static dev.localacme.server.internal.standalone.OptionValues.nonEmpty;
import static dev.localacme.server.internal.standalone.OptionValues.split;

import dev.localacme.server.AcmeServer;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * External account binding (<a href="https://www.rfc-editor.org/rfc/rfc8555#section-7.3.4">RFC 8555
 * section 7.3.4</a>): whether new accounts need one, and the keys provisioned for it.
 */
public final class EabOptions {
  @Option(
      names = "--eab-required",
      defaultValue = "${env:LOCALACME_EAB_REQUIRED:-false}",
      description =
          "New accounts need an external account binding (env LOCALACME_EAB_REQUIRED; default"
              + " ${DEFAULT-VALUE}).")
  boolean eabRequired;

  @Option(
      names = "--eab-key",
      paramLabel = "KID=HMAC_KEY",
      split = ";",
      defaultValue = "${env:LOCALACME_EAB_KEYS}",
      description =
          "Provisions an external account binding key, the HMAC key in base64url. Repeatable"
              + " (env LOCALACME_EAB_KEYS, separated by ;).")
  List<String> eabKeys;

  void configure(AcmeServer.Builder builder) {
    builder.externalAccountRequired(eabRequired);
    for (String key : nonEmpty(eabKeys)) {
      String[] kidAndKey = split(key, '=', "--eab-key", "KID=HMAC_KEY");
      builder.externalAccountKey(kidAndKey[0], kidAndKey[1]);
    }
  }
}
