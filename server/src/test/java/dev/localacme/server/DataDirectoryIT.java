package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.internal.state.Authorization;
import dev.localacme.server.internal.state.MvStore;
import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.ChallengeResponder;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.Ports;
import java.net.URL;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;

/** An in-process server with a data directory: the same root and state across restarts. */
class DataDirectoryIT {
  @TempDir Path data;

  @Test
  void restartedServerKeepsRootAccountsAndOrders() throws Exception {
    int port = Ports.free();
    KeyPair key = KeyPairs.ec();
    URL account;
    URL orderUrl;
    X509Certificate root;
    try (AcmeServer server = AcmeServer.builder().port(port).dataDirectory(data).start()) {
      root = server.rootCertificate();
      Login login = Acme4j.newAccount(server, key);
      account = login.getAccountLocation();
      orderUrl = login.getAccount().newOrder().domain("kept.test").create().getLocation();
    }

    try (AcmeServer server = AcmeServer.builder().port(port).dataDirectory(data).start()) {
      assertThat(server.rootCertificate()).isEqualTo(root);
      Login login = Acme4j.session(server).login(account, key);
      Order order = login.bindOrder(orderUrl);
      order.fetch();
      assertThat(order.getIdentifiers().get(0).getDomain()).isEqualTo("kept.test");
      assertThat(server.orders()).hasSize(1);
    }
  }

  @Test
  void validationInterruptedByARestartIsResumedWhenTheClientPolls() throws Exception {
    int port = Ports.free();
    KeyPair key = KeyPairs.ec();
    URL account;
    URL challengeUrl;
    String authorizationId;
    try (ChallengeResponder responder = ChallengeResponder.start()) {
      try (AcmeServer server =
          AcmeServer.builder()
              .port(port)
              .http01Port(responder.port())
              .dataDirectory(data)
              .start()) {
        Login login = Acme4j.newAccount(server, key);
        account = login.getAccountLocation();
        Order order = login.getAccount().newOrder().domain("interrupted.test").create();
        Http01Challenge challenge =
            order.getAuthorizations().get(0).findChallenge(Http01Challenge.class).orElseThrow();
        responder.serve(challenge.getToken(), challenge.getAuthorization());
        challengeUrl = challenge.getLocation();
        String path = order.getAuthorizations().get(0).getLocation().getPath();
        authorizationId = path.substring(path.lastIndexOf('/') + 1);
      }
      // What a kill -9 during validation leaves behind: the challenge stored as processing.
      try (MvStore store = MvStore.open(data.resolve("state.mv.db"))) {
        Authorization authz = store.authorization(authorizationId).orElseThrow();
        String challengeId =
            challengeUrl.getPath().substring(challengeUrl.getPath().lastIndexOf('/') + 1);
        store.updateAuthorization(authorizationId, a -> a.challengeProcessing(challengeId));
        assertThat(authz.challenges()).extracting(c -> c.status().json()).contains("pending");
      }

      try (AcmeServer server =
          AcmeServer.builder()
              .port(port)
              .http01Port(responder.port())
              .dataDirectory(data)
              .start()) {
        Login login = Acme4j.session(server).login(account, key);
        Http01Challenge challenge = (Http01Challenge) login.bindChallenge(challengeUrl);

        assertThat(Acme4j.await(challenge, Duration.ofSeconds(20), Status.VALID))
            .isEqualTo(Status.VALID);
        assertThat(server.validationAttempts()).hasSize(1);
      }
    }
  }
}
