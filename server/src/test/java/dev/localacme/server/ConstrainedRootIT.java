package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.StandaloneJar;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeServerException;

/** The standalone jar refuses, at newOrder, names its constrained root could not vouch for. */
class ConstrainedRootIT {
  @TempDir Path tmp;

  @Test
  void orderForAPublicNameIsRefusedWithTheConstraintAndTheFlagExplained() throws Exception {
    try (StandaloneJar server = start(tmp.resolve("data"))) {
      Login login = login(server);

      assertThatThrownBy(
              () -> login.getAccount().newOrder().domains("app.test", "www.example.com").create())
          .isInstanceOfSatisfying(
              AcmeServerException.class,
              e -> {
                Problem problem = e.getProblem();
                assertThat(problem.getType().toString())
                    .isEqualTo("urn:ietf:params:acme:error:rejectedIdentifier");
                assertThat(problem.getDetail().orElseThrow())
                    .contains("www.example.com is outside this CA's name constraints")
                    .contains("localhost, test, internal, example, local")
                    .contains("--allow-domain www.example.com")
                    .contains("--unconstrained-root");
                assertThat(problem.getSubProblems()).hasSize(1);
                assertThat(
                        problem.getSubProblems().get(0).getIdentifier().orElseThrow().getDomain())
                    .isEqualTo("www.example.com");
              });
    }
  }

  @Test
  void developmentNamesLoopbackAddressesAndAllowedDomainsAreAccepted() throws Exception {
    try (StandaloneJar server = start(tmp.resolve("data"), "--allow-domain", "dev.example.org")) {
      Login login = login(server);

      Order order =
          login
              .getAccount()
              .newOrder()
              .domains("app.localhost", "db.internal", "api.dev.example.org")
              .identifier(org.shredzone.acme4j.Identifier.ip("127.0.0.1"))
              .create();

      assertThat(order.getIdentifiers()).hasSize(4);
      assertThat(server.stdout())
          .contains("(and every name below them)")
          .contains("dev.example.org");
    }
  }

  private static StandaloneJar start(Path data, String... more) {
    String[] base = {"--data-dir", data.toString(), "--port", "0", "--management-port", "-1"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return StandaloneJar.start(all);
  }

  private static Login login(StandaloneJar server) throws Exception {
    return Acme4j.newAccount(
        Acme4j.session(server.directory(), server.sslContext()), KeyPairs.ec());
  }
}
