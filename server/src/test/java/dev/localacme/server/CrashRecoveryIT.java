package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.ChallengeResponder;
import dev.localacme.server.support.Issuance;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.Ports;
import dev.localacme.server.support.StandaloneJar;
import java.net.URL;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;

/**
 * {@code kill -9} in the middle of traffic loses nothing the server acknowledged: after a restart
 * on the same data directory, every account it created still exists and every certificate it handed
 * out can still be downloaded.
 */
class CrashRecoveryIT {
  private static final int CLIENTS = 4;
  private static final int CERTIFICATES_BEFORE_THE_KILL = 8;

  @TempDir Path tmp;

  record AcknowledgedAccount(KeyPair key, URL location) {}

  record AcknowledgedCertificate(AcknowledgedAccount account, URL location, X509Certificate leaf) {}

  @Test
  void everyAcknowledgedAccountAndCertificateSurvivesKill9() throws Exception {
    ConcurrentLinkedQueue<AcknowledgedAccount> accounts = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<AcknowledgedCertificate> certificates = new ConcurrentLinkedQueue<>();
    int port = Ports.free();
    try (ChallengeResponder responder = ChallengeResponder.start()) {
      String[] args = {
        "--data-dir",
        tmp.resolve("data").toString(),
        "--port",
        Integer.toString(port),
        "--management-port",
        "-1",
        "--http01-port",
        Integer.toString(responder.port())
      };
      StandaloneJar server = StandaloneJar.start(args);
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        Thread thread =
            new Thread(
                () -> order(server, responder, client, running, accounts, certificates),
                "acme-client-" + c);
        thread.start();
        clients.add(thread);
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (certificates.size() < CERTIFICATES_BEFORE_THE_KILL && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      server.kill();
      running.set(false);
      for (Thread thread : clients) {
        thread.join(60_000);
      }
      assertThat(certificates).hasSizeGreaterThanOrEqualTo(CERTIFICATES_BEFORE_THE_KILL);

      try (StandaloneJar restarted = StandaloneJar.start(args)) {
        Session session = Acme4j.session(restarted.directory(), restarted.sslContext());
        for (AcknowledgedAccount account : accounts) {
          Login login =
              new AccountBuilder().onlyExisting().useKeyPair(account.key()).createLogin(session);
          assertThat(login.getAccount().getLocation()).isEqualTo(account.location());
          assertThat(login.getAccount().getStatus()).isEqualTo(Status.VALID);
        }
        for (AcknowledgedCertificate certificate : certificates) {
          Login login =
              session.login(certificate.account().location(), certificate.account().key());
          Certificate downloaded = login.bindCertificate(certificate.location());
          assertThat(downloaded.getCertificate()).isEqualTo(certificate.leaf());
        }
      }
    }
  }

  /** One client: account, order, http-01, finalize, download; again and again until the kill. */
  private static void order(
      StandaloneJar server,
      ChallengeResponder responder,
      int client,
      AtomicBoolean running,
      ConcurrentLinkedQueue<AcknowledgedAccount> accounts,
      ConcurrentLinkedQueue<AcknowledgedCertificate> certificates) {
    Session session = Acme4j.session(server.directory(), server.sslContext());
    for (int n = 0; running.get(); n++) {
      try {
        KeyPair key = KeyPairs.ec();
        Login login = Acme4j.newAccount(session, key);
        AcknowledgedAccount account = new AcknowledgedAccount(key, login.getAccountLocation());
        accounts.add(account);
        Order order =
            login.getAccount().newOrder().domain("c" + client + "-" + n + ".crash.test").create();
        Certificate certificate = Issuance.complete(order, responder, Duration.ofSeconds(30));
        X509Certificate leaf = certificate.getCertificate();
        certificates.add(new AcknowledgedCertificate(account, certificate.getLocation(), leaf));
      } catch (Exception | AssertionError e) {
        // The kill interrupts whatever this client was doing; only acknowledged steps count.
      }
    }
  }
}
