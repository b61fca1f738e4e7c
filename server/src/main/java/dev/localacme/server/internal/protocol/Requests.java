package dev.localacme.server.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The JSON payloads clients send, one record per operation (RFC 8555 section 7). */
public final class Requests {
  private Requests() {}

  /** newAccount (section 7.3). */
  public record NewAccount(
      List<String> contact,
      Boolean termsOfServiceAgreed,
      Boolean onlyReturnExisting,
      JsonNode externalAccountBinding) {}

  /** Account update and deactivation (sections 7.3.2, 7.3.6). */
  public record AccountUpdate(List<String> contact, String status) {}

  /** The inner payload of keyChange (section 7.3.5). */
  public record KeyChange(String account, JsonNode oldKey) {}

  /** newOrder (section 7.4, RFC 9773 section 5, profiles draft section 4). */
  public record NewOrder(
      List<Identifier> identifiers,
      String notBefore,
      String notAfter,
      String profile,
      String replaces) {}

  /** newAuthz (section 7.4.1). */
  public record NewAuthz(Identifier identifier) {}

  /** Finalize (section 7.4). */
  public record Finalize(String csr) {}

  /** Authorization deactivation (section 7.5.2). */
  public record AuthorizationUpdate(String status) {}

  /** revokeCert (section 7.6). */
  public record RevokeCert(String certificate, Integer reason) {}
}
