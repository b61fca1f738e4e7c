package dev.localacme.server.internal.domain;

import dev.localacme.server.AcmeEvent;
import dev.localacme.server.internal.events.Events;
import dev.localacme.server.internal.jose.Base64Url;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.CertId;
import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.Identifiers;
import dev.localacme.server.internal.protocol.ProblemJson;
import dev.localacme.server.internal.protocol.ProblemType;
import dev.localacme.server.internal.protocol.Requests;
import dev.localacme.server.internal.protocol.Status;
import dev.localacme.server.internal.protocol.Times;
import dev.localacme.server.internal.state.Account;
import dev.localacme.server.internal.state.Authorization;
import dev.localacme.server.internal.state.Challenge;
import dev.localacme.server.internal.state.Ids;
import dev.localacme.server.internal.state.Order;
import dev.localacme.server.internal.state.Store;
import dev.localacme.server.internal.validation.Validators;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Orders and their authorizations (RFC 8555 sections 7.1.3, 7.4, 7.1.2.1). */
public final class Orders {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final Clock clock;
  private final Events events;
  private final Validators validators;
  private final IdentifierPolicy policy;
  private final Duration orderLifetime;
  private final Instant latestNotAfter;
  private final Profiles profiles;
  private final Renewals renewals;
  private final AuthorizationReuse reuse;
  private final Object replacing = new Object();

  /**
   * @param reusePercent the chance that an order reuses a valid authorization that is not a
   *     pre-authorization (those are always reused)
   */
  public Orders(
      Store store,
      Clock clock,
      Events events,
      Validators validators,
      IdentifierPolicy policy,
      Duration orderLifetime,
      Instant latestNotAfter,
      Profiles profiles,
      Renewals renewals,
      int reusePercent) {
    this.store = store;
    this.clock = clock;
    this.events = events;
    this.validators = validators;
    this.policy = policy;
    this.orderLifetime = orderLifetime;
    this.latestNotAfter = latestNotAfter;
    this.profiles = profiles;
    this.renewals = renewals;
    this.reuse = new AuthorizationReuse(store, clock, reusePercent);
  }

  /**
   * newOrder (section 7.4): checks every identifier, the profile (profiles draft section 4) and
   * what it {@code replaces} (RFC 9773 section 5), then one authorization each, reused or new.
   */
  public Order create(Account account, Requests.NewOrder request) {
    List<Identifier> identifiers = checkIdentifiers(request.identifiers());
    Instant now = clock.instant();
    Instant notBefore =
        request.notBefore() == null ? null : Times.parse(request.notBefore(), "notBefore");
    Instant notAfter =
        request.notAfter() == null ? null : Times.parse(request.notAfter(), "notAfter");
    checkValidityWindow(notBefore, notAfter, now);
    String profile = profiles.choose(request.profile());
    Order draft =
        new Order(
            Ids.random(),
            account.id(),
            identifiers,
            List.of(),
            notBefore,
            notAfter,
            now.plus(orderLifetime),
            now,
            profile,
            request.replaces(),
            false,
            null,
            null);
    if (request.replaces() == null) {
      return place(account, draft);
    }
    CertId replaced = CertId.parse(request.replaces(), "replaces");
    // One lock, so two racing orders cannot both replace the same certificate.
    synchronized (replacing) {
      renewals.requireReplaceable(account, replaced, identifiers);
      return place(account, draft);
    }
  }

  /**
   * newAuthz (section 7.4.1): a pending authorization outside any order, which once valid counts
   * toward the account's later orders. Wildcards cannot be pre-authorized.
   */
  public Authorization preauthorize(Account account, Identifier identifier) {
    if (identifier != null && identifier.isWildcard()) {
      throw AcmeProblem.malformed(
          "a wildcard cannot be pre-authorized (RFC 8555 section 7.4.1); order "
              + identifier.value()
              + " with newOrder instead");
    }
    Identifier checked = checkIdentifiers(Collections.singletonList(identifier)).get(0);
    Instant now = clock.instant();
    Authorization authz = newAuthorization(account, checked, now.plus(orderLifetime), true);
    store.saveAuthorization(authz);
    events.publish(
        new AcmeEvent.PreAuthorizationCreated(now, authz.id(), account.id(), checked.value()));
    return authz;
  }

  private Order place(Account account, Order draft) {
    List<String> authorizationIds = new ArrayList<>();
    for (Identifier identifier : draft.identifiers()) {
      Optional<Authorization> reused = reuse.find(account, identifier);
      Authorization authz =
          reused.orElseGet(() -> newAuthorization(account, identifier, draft.expires(), false));
      if (reused.isEmpty()) {
        store.saveAuthorization(authz);
      }
      authorizationIds.add(authz.id());
    }
    Order order = draft.withAuthorizations(authorizationIds);
    store.saveOrder(order);
    events.publish(
        new AcmeEvent.OrderCreated(
            order.createdAt(),
            order.id(),
            account.id(),
            order.identifiers().stream().map(Identifier::value).toList()));
    return order;
  }

  /** An order of this account; another account's order is {@code unauthorized}. */
  public Order owned(Account account, String orderId) {
    Order order =
        store.order(orderId).orElseThrow(() -> AcmeProblem.notFound("no order " + orderId));
    if (!order.accountId().equals(account.id())) {
      throw AcmeProblem.unauthorized("order " + orderId + " belongs to another account");
    }
    return order;
  }

  public List<Authorization> authorizations(Order order) {
    return order.authorizationIds().stream()
        .map(id -> store.authorization(id).orElseThrow())
        .toList();
  }

  public Status status(Order order) {
    return order.status(clock.instant(), authorizations(order));
  }

  /**
   * The order's error: its own, or for an order that became invalid through an authorization or
   * expiry, a problem that says which.
   */
  public ProblemJson error(Order order, Status status) {
    if (order.error() != null || status != Status.INVALID) {
      return order.error();
    }
    Instant now = clock.instant();
    for (Authorization authz : authorizations(order)) {
      Status authzStatus = authz.status(now);
      if (authzStatus != Status.VALID && authzStatus != Status.PENDING) {
        String cause = authz.error().map(ProblemJson::detail).orElse("");
        ProblemType type =
            authz
                .error()
                .flatMap(e -> ProblemType.ofUrn(e.type()))
                .orElse(ProblemType.UNAUTHORIZED);
        return ProblemJson.of(
            type,
            "authorization for "
                + authz.identifier().value()
                + " is "
                + authzStatus.json()
                + (cause.isEmpty() ? "" : ": " + cause));
      }
    }
    return ProblemJson.of(
        ProblemType.MALFORMED, "the order expired at " + Times.format(order.expires()));
  }

  /**
   * One page of the account's orders (section 7.1.2.1), oldest first, without invalid ones.
   *
   * @return the order ids of the page, and whether there is another page
   */
  public Page page(Account account, int page, int perPage) {
    List<String> visible = new ArrayList<>();
    for (String id : store.orderIds(account.id())) {
      store.order(id).filter(o -> status(o) != Status.INVALID).ifPresent(o -> visible.add(o.id()));
    }
    int from = Math.min(page * perPage, visible.size());
    int to = Math.min(from + perPage, visible.size());
    return new Page(visible.subList(from, to), to < visible.size());
  }

  /** A page of order ids. */
  public record Page(List<String> orderIds, boolean hasNext) {}

  private List<Identifier> checkIdentifiers(List<Identifier> identifiers) {
    if (identifiers == null || identifiers.isEmpty()) {
      throw AcmeProblem.malformed("newOrder needs at least one identifier");
    }
    Set<String> seen = new HashSet<>();
    List<ProblemJson> refusals = new ArrayList<>();
    for (Identifier identifier : identifiers) {
      Identifiers.check(identifier);
      if (!seen.add(identifier.type() + ":" + identifier.value().toLowerCase(Locale.ROOT))) {
        throw AcmeProblem.malformed("identifier " + identifier.value() + " appears twice");
      }
      policy
          .refusal(identifier)
          .ifPresent(
              why ->
                  refusals.add(
                      ProblemJson.subproblem(ProblemType.REJECTED_IDENTIFIER, why, identifier)));
      if (validators.offeredFor(identifier).isEmpty()) {
        refusals.add(
            ProblemJson.subproblem(
                ProblemType.REJECTED_IDENTIFIER,
                identifier.value()
                    + " cannot be validated: no challenge type this server offers"
                    + " applies to it",
                identifier));
      }
    }
    if (!refusals.isEmpty()) {
      String detail =
          refusals.size() == 1
              ? refusals.get(0).detail()
              : refusals.size()
                  + " identifiers were refused: "
                  + refusals.stream().map(ProblemJson::detail).toList();
      throw AcmeProblem.of(ProblemType.REJECTED_IDENTIFIER, detail).withSubproblems(refusals);
    }
    return List.copyOf(identifiers);
  }

  private void checkValidityWindow(Instant notBefore, Instant notAfter, Instant now) {
    if (notBefore != null && notAfter != null && !notAfter.isAfter(notBefore)) {
      throw AcmeProblem.malformed("notAfter must be later than notBefore");
    }
    if (notAfter != null && !notAfter.isAfter(now)) {
      throw AcmeProblem.malformed("notAfter " + Times.format(notAfter) + " is in the past");
    }
    Instant end = notAfter != null ? notAfter : notBefore;
    if (end != null && end.isAfter(latestNotAfter)) {
      throw AcmeProblem.malformed(
          "the requested validity ends after this CA's intermediate expires ("
              + Times.format(latestNotAfter)
              + ")");
    }
  }

  private Authorization newAuthorization(
      Account account, Identifier identifier, Instant expires, boolean preauthorized) {
    Identifier subject =
        identifier.isWildcard()
            ? new Identifier(identifier.type(), identifier.value().substring(2))
            : identifier;
    List<Challenge> challenges = new ArrayList<>();
    for (String type : validators.offeredFor(identifier)) {
      challenges.add(Challenge.pending(Ids.random(), type, token()));
    }
    return new Authorization(
        Ids.random(),
        account.id(),
        subject,
        identifier.isWildcard(),
        Status.PENDING,
        expires,
        challenges,
        preauthorized);
  }

  private static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64Url.encode(bytes);
  }
}
