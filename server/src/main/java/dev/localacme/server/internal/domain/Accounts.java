package dev.localacme.server.internal.domain;

import dev.localacme.server.AcmeEvent;
import dev.localacme.server.internal.events.Events;
import dev.localacme.server.internal.jose.Jwk;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.ProblemType;
import dev.localacme.server.internal.protocol.Requests;
import dev.localacme.server.internal.state.Account;
import dev.localacme.server.internal.state.Store;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Accounts (RFC 8555 sections 7.3 to 7.3.6). */
public final class Accounts {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s,?]+@[^@\\s,?]+");
  private static final int MAX_CONTACTS = 10;

  private final Store store;
  private final Clock clock;
  private final Events events;
  private final String termsOfService;
  private final Object keyLock = new Object();

  public Accounts(Store store, Clock clock, Events events, String termsOfService) {
    this.store = store;
    this.clock = clock;
    this.events = events;
    this.termsOfService = termsOfService;
  }

  /** The result of newAccount: the account, and whether this request created it. */
  public record Registration(Account account, boolean created) {}

  /**
   * newAccount. A known key returns its account untouched (section 7.3.1) before any other check,
   * so lookups never need terms or EAB.
   *
   * @param binding checks the external account binding (section 7.3.4), after the terms and only
   *     for a new account; returns it as JSON text to echo, or empty
   */
  public Registration register(
      Jwk key, Requests.NewAccount request, Supplier<Optional<String>> binding) {
    Optional<Account> existing = store.accountByThumbprint(key.thumbprint());
    if (existing.isPresent()) {
      return new Registration(requireValid(existing.get()), false);
    }
    if (Boolean.TRUE.equals(request.onlyReturnExisting())) {
      throw AcmeProblem.of(
          ProblemType.ACCOUNT_DOES_NOT_EXIST,
          "no account exists for this key ("
              + key.describe()
              + "); send newAccount without"
              + " onlyReturnExisting to create one");
    }
    checkTermsAgreed(request.termsOfServiceAgreed());
    Optional<String> verified = binding.get();
    List<String> contact = checkContacts(request.contact());
    synchronized (keyLock) {
      Optional<Account> raced = store.accountByThumbprint(key.thumbprint());
      if (raced.isPresent()) {
        return new Registration(requireValid(raced.get()), false);
      }
      Account account =
          Account.create(
              key,
              contact,
              Boolean.TRUE.equals(request.termsOfServiceAgreed()),
              verified.orElse(null),
              clock.instant());
      store.saveAccount(account);
      events.publish(
          new AcmeEvent.AccountCreated(clock.instant(), account.id(), key.describe(), contact));
      return new Registration(account, true);
    }
  }

  /** An update (section 7.3.2) or deactivation (section 7.3.6); other fields are ignored. */
  public Account update(Account account, Requests.AccountUpdate update) {
    Account updated = account;
    if (update.contact() != null) {
      List<String> contact = checkContacts(update.contact());
      updated = updated.withContact(contact);
      store.saveAccount(updated);
      events.publish(
          new AcmeEvent.AccountUpdated(clock.instant(), account.id(), "contact set to " + contact));
    }
    if ("deactivated".equals(update.status())) {
      updated = updated.deactivated();
      store.saveAccount(updated);
      events.publish(new AcmeEvent.AccountUpdated(clock.instant(), account.id(), "deactivated"));
    }
    return updated;
  }

  /**
   * keyChange (section 7.3.5), after both signatures were checked. Another account holding the new
   * key is a 409 conflict whose Location names that account.
   */
  public Account changeKey(Account account, Jwk newKey, String conflictingAccountUrlPrefix) {
    if (newKey.equals(account.key())) {
      throw AcmeProblem.malformed("the new key is the account's current key");
    }
    synchronized (keyLock) {
      Optional<Account> holder = store.accountByThumbprint(newKey.thumbprint());
      if (holder.isPresent()) {
        throw AcmeProblem.malformed("another account already uses the new key")
            .withStatus(409)
            .withHeader("Location", conflictingAccountUrlPrefix + holder.get().id());
      }
      Account current = store.account(account.id()).orElseThrow();
      Account updated = current.withKey(newKey);
      store.saveAccount(updated);
      events.publish(
          new AcmeEvent.AccountKeyChanged(clock.instant(), account.id(), newKey.describe()));
      return updated;
    }
  }

  /** A deactivated account may do nothing more (section 7.3.6: 401 unauthorized). */
  public static Account requireValid(Account account) {
    if (!account.isValid()) {
      throw AcmeProblem.unauthorized("account " + account.id() + " is " + account.status().json())
          .withStatus(401);
    }
    return account;
  }

  private void checkTermsAgreed(Boolean agreed) {
    if (termsOfService != null && !Boolean.TRUE.equals(agreed)) {
      throw AcmeProblem.of(
              ProblemType.USER_ACTION_REQUIRED,
              "agree to the terms of service at "
                  + termsOfService
                  + " by sending"
                  + " \"termsOfServiceAgreed\": true")
          .withHeader("Link", "<" + termsOfService + ">;rel=\"terms-of-service\"")
          .withInstance(termsOfService);
    }
  }

  private static List<String> checkContacts(List<String> contacts) {
    if (contacts == null) {
      return List.of();
    }
    if (contacts.size() > MAX_CONTACTS) {
      throw AcmeProblem.of(
          ProblemType.INVALID_CONTACT, "at most " + MAX_CONTACTS + " contacts are accepted");
    }
    for (String contact : contacts) {
      if (contact == null || !contact.regionMatches(true, 0, "mailto:", 0, 7)) {
        throw AcmeProblem.of(
            ProblemType.UNSUPPORTED_CONTACT,
            "contact \"" + contact + "\" is not supported; use a mailto: URL");
      }
      String address = contact.substring(7);
      if (address.contains("?")) {
        throw AcmeProblem.of(
            ProblemType.INVALID_CONTACT,
            "contact \"" + contact + "\" has header fields (?...), which are not allowed");
      }
      if (!EMAIL.matcher(address).matches()) {
        throw AcmeProblem.of(
            ProblemType.INVALID_CONTACT,
            "contact \"" + contact + "\" is not a single e-mail address");
      }
    }
    return List.copyOf(contacts);
  }
}
