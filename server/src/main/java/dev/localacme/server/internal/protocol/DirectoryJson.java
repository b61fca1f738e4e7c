package dev.localacme.server.internal.protocol;

import java.util.List;
import java.util.Map;

/** The directory object (RFC 8555 section 7.1.1). */
public record DirectoryJson(
    String newNonce,
    String newAccount,
    String newOrder,
    String newAuthz,
    String revokeCert,
    String keyChange,
    String renewalInfo,
    Meta meta) {

  /** The directory's {@code meta} object. */
  public record Meta(
      String termsOfService,
      String website,
      List<String> caaIdentities,
      Boolean externalAccountRequired,
      Map<String, String> profiles) {}
}
