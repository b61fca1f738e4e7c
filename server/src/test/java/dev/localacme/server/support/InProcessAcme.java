package dev.localacme.server.support;

import dev.localacme.server.AcmeServer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;

/**
 * An in-process {@link AcmeServer} for a whole test class, validating http-01 against a real {@link
 * ChallengeResponder}, with an account and a {@link RawClient} made when first asked for:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final InProcessAcme acme = InProcessAcme.with(b -> b.alternateRoots(1));
 * }</pre>
 */
public final class InProcessAcme
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private final UnaryOperator<AcmeServer.Builder> options;
  private final boolean resetBeforeEach;
  private ChallengeResponder responder;
  private AcmeServer server;
  private Login login;
  private RawClient raw;

  private InProcessAcme(UnaryOperator<AcmeServer.Builder> options, boolean resetBeforeEach) {
    this.options = options;
    this.resetBeforeEach = resetBeforeEach;
  }

  /** A server with the builder's defaults. */
  public static InProcessAcme create() {
    return with(b -> b);
  }

  /** A server with these options, applied after http-01 is pointed at the responder. */
  public static InProcessAcme with(UnaryOperator<AcmeServer.Builder> options) {
    return new InProcessAcme(options, false);
  }

  /** The same server, {@link AcmeServer#reset() reset} before each test (and its account gone). */
  public InProcessAcme resetBeforeEach() {
    return new InProcessAcme(options, true);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    responder = ChallengeResponder.start();
    server = options.apply(AcmeServer.builder().http01Port(responder.port())).start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (resetBeforeEach) {
      server.reset();
      login = null;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
    responder.close();
  }

  public AcmeServer server() {
    return server;
  }

  public ChallengeResponder responder() {
    return responder;
  }

  /** The class's account, made on first use. */
  public synchronized Login login() throws Exception {
    if (login == null) {
      login = Acme4j.newAccount(server);
    }
    return login;
  }

  /** A raw client of the server, for requests acme4j cannot be made to send. */
  public synchronized RawClient raw() {
    if (raw == null) {
      raw = new RawClient(server.directoryUri(), server.sslContext());
    }
    return raw;
  }

  /** A new account, apart from the class's. */
  public Login newAccount() throws Exception {
    return Acme4j.newAccount(server);
  }

  /** An order for DNS {@code names}, placed by a new account of its own. */
  public Order newOrder(String... names) throws Exception {
    return Acme4j.newOrder(server, names);
  }

  /** A certificate for {@code names}, ordered by the class's account and validated over http-01. */
  public Certificate issue(String... names) throws Exception {
    return Issuance.issue(login(), responder, names);
  }

  public Certificate issue(UnaryOperator<OrderBuilder> options, String... names) throws Exception {
    return Issuance.issue(login(), responder, options, names);
  }

  /** Validates what is pending over http-01, finalizes and returns the certificate. */
  public Certificate complete(Order order) throws Exception {
    return Issuance.complete(order, responder);
  }

  /** Validates a pending authorization over http-01. */
  public void validate(Authorization authorization) throws Exception {
    Issuance.validate(authorization, responder);
  }
}
