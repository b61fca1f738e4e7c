package dev.localacme.server.support;

import dev.localacme.server.AcmeServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/** acme4j pointed at a LocalAcme server, trusting its root and nothing else. */
public final class Acme4j {
  private Acme4j() {}

  public static Session session(AcmeServer server) {
    return session(server.directoryUri(), server.sslContext());
  }

  /** A session with any server, such as the standalone jar in its own process. */
  public static Session session(URI directory, SSLContext trust) {
    return new Session(directory, new TrustingProvider(trust));
  }

  /** A new account with a fresh EC key, the terms of service agreed. */
  public static Login newAccount(AcmeServer server) throws Exception {
    return newAccount(server, KeyPairs.ec());
  }

  public static Login newAccount(AcmeServer server, KeyPair key) throws Exception {
    return newAccount(session(server), key);
  }

  public static Login newAccount(Session session, KeyPair key) throws Exception {
    return new AccountBuilder().agreeToTermsOfService().useKeyPair(key).createLogin(session);
  }

  /** An order for DNS {@code names}, placed by a new account of its own. */
  public static Order newOrder(AcmeServer server, String... names) throws Exception {
    return newAccount(server).getAccount().newOrder().domains(names).create();
  }

  /**
   * Polls until the resource reaches one of {@code wanted}, every 100 ms. Unlike acme4j's {@code
   * waitForStatus}, it survives a slow machine: acme4j 4.0 sleeps until the Retry-After instant and
   * throws when that instant has already passed.
   */
  public static Status await(PollableResource resource, Duration timeout, Status... wanted)
      throws Exception {
    Set<Status> done = Set.of(wanted);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      resource.fetch();
      Status status = resource.getStatus();
      if (done.contains(status) || status == Status.INVALID) {
        return status;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "still " + status + " after " + timeout.toMillis() + " ms, waiting for " + done);
      }
      Thread.sleep(100);
    }
  }

  /** The generic provider with our trust instead of the JVM's. */
  private static final class TrustingProvider extends GenericAcmeProvider {
    private final SSLContext trust;

    TrustingProvider(SSLContext trust) {
      this.trust = trust;
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
      return HttpClient.newBuilder()
          .connectTimeout(settings.getTimeout())
          .sslContext(trust)
          .build();
    }
  }
}
