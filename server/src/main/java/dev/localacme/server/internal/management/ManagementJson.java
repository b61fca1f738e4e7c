package dev.localacme.server.internal.management;

import dev.localacme.server.AccountInfo;
import dev.localacme.server.IssuedCertificate;
import dev.localacme.server.OrderInfo;
import dev.localacme.server.internal.protocol.RenewalInfoJson;
import dev.localacme.server.internal.protocol.Times;
import java.util.List;

/** The JSON of LocalAcme's own management routes: plain records, RFC 3339 times. */
final class ManagementJson {
  private ManagementJson() {}

  /** {@code GET /accounts}: one account. */
  record Account(
      String id,
      String status,
      List<String> contact,
      String key,
      String externalAccountKid,
      String createdAt) {
    static Account of(AccountInfo a) {
      return new Account(
          a.id(),
          a.status(),
          a.contact(),
          a.key(),
          a.externalAccountKid(),
          Times.format(a.createdAt()));
    }
  }

  /** {@code GET /orders}: one order. */
  record Order(
      String id,
      String accountId,
      List<String> identifiers,
      String status,
      String profile,
      String replaces,
      String createdAt,
      String expires,
      String certificateSerial,
      String error) {
    static Order of(OrderInfo o) {
      return new Order(
          o.id(),
          o.accountId(),
          o.identifiers(),
          o.status(),
          o.profile(),
          o.replaces(),
          Times.format(o.createdAt()),
          Times.format(o.expires()),
          o.certificateSerial(),
          o.error());
    }
  }

  /**
   * {@code GET /certificates}: one certificate, with its ARI identifier and the window renewalInfo
   * suggests now (absent when a verbatim answer was set).
   */
  record Certificate(
      String serial,
      List<String> identifiers,
      String accountId,
      String orderId,
      String notBefore,
      String notAfter,
      String status,
      String revokedAt,
      Integer revocationReason,
      String certId,
      RenewalInfoJson.SuggestedWindow suggestedWindow) {
    static Certificate of(
        IssuedCertificate c, String certId, RenewalInfoJson.SuggestedWindow window) {
      return new Certificate(
          c.serial(),
          c.identifiers(),
          c.accountId(),
          c.orderId(),
          Times.format(c.notBefore()),
          Times.format(c.notAfter()),
          c.isRevoked() ? "revoked" : "valid",
          Times.format(c.revokedAt()),
          c.revocationReason(),
          certId,
          window);
    }
  }

  /** {@code /eab-keys}: a key id, with its MAC key only in the answer that provisioned it. */
  record EabKey(String kid, String hmacKey) {}
}
