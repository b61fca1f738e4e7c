package dev.localacme.server.internal.events;

import dev.localacme.server.AcmeEvent;
import dev.localacme.server.ValidationAttempt;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One readable log line per protocol step, for a person debugging their ACME client. */
public final class EventLog implements Consumer<AcmeEvent> {
  private static final Logger LOG = LoggerFactory.getLogger("localacme");

  @Override
  public void accept(AcmeEvent event) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    LOG.info(line(event));
  }

  /** The log line for an event. */
  public static String line(AcmeEvent event) {
    if (event instanceof AcmeEvent.AccountCreated e) {
      return "account "
          + e.accountId()
          + " created with an "
          + e.key()
          + " key, "
          + (e.contact().isEmpty() ? "no contact" : "contact " + String.join(", ", e.contact()));
    } else if (event instanceof AcmeEvent.AccountUpdated e) {
      return "account " + e.accountId() + ": " + e.change();
    } else if (event instanceof AcmeEvent.AccountKeyChanged e) {
      return "account " + e.accountId() + " rolled over to a new " + e.newKey() + " key";
    } else if (event instanceof AcmeEvent.OrderCreated e) {
      return "order "
          + e.orderId()
          + " placed by account "
          + e.accountId()
          + " for "
          + String.join(", ", e.identifiers());
    } else if (event instanceof AcmeEvent.PreAuthorizationCreated e) {
      return "authorization "
          + e.authorizationId()
          + " for "
          + e.identifier()
          + " pre-authorized by account "
          + e.accountId();
    } else if (event instanceof AcmeEvent.ValidationCompleted e) {
      return validation(e.attempt());
    } else if (event instanceof AcmeEvent.AuthorizationDeactivated e) {
      return "authorization " + e.authorizationId() + " for " + e.identifier() + " deactivated";
    } else if (event instanceof AcmeEvent.CertificateIssued e) {
      return "certificate "
          + e.serial()
          + " issued for "
          + String.join(", ", e.identifiers())
          + " to account "
          + e.accountId()
          + ", valid until "
          + e.notAfter();
    } else if (event instanceof AcmeEvent.CertificateRevoked e) {
      return "certificate "
          + e.serial()
          + " revoked"
          + (e.reason() == null ? "" : ", reason " + e.reason() + " (" + reason(e.reason()) + ")");
    }
    return event.toString();
  }

  private static String validation(ValidationAttempt a) {
    String outcome = a.valid() ? "valid" : "INVALID: " + a.detail();
    return a.challengeType()
        + " for "
        + a.identifier()
        + " -> "
        + outcome
        + " (checked "
        + a.target()
        + " in "
        + a.took().toMillis()
        + " ms)";
  }

  /** RFC 5280 section 5.3.1 reason names. */
  private static String reason(int code) {
    return switch (code) {
      case 0 -> "unspecified";
      case 1 -> "keyCompromise";
      case 2 -> "cACompromise";
      case 3 -> "affiliationChanged";
      case 4 -> "superseded";
      case 5 -> "cessationOfOperation";
      case 6 -> "certificateHold";
      case 8 -> "removeFromCRL";
      case 9 -> "privilegeWithdrawn";
      case 10 -> "aACompromise";
      default -> "unknown";
    };
  }
}
