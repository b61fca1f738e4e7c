package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localacme.server.support.ExternalTool;
import dev.localacme.server.support.Lego;
import dev.localacme.server.support.Ports;
import dev.localacme.server.support.StandaloneJar;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lego (the Debian package) against the standalone jar: registration with external account binding,
 * and renewal, by ARI where the installed lego has it.
 */
class LegoLifecycleIT {
  private static final String KID = "lego-kid";
  private static final String HMAC =
      "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

  @TempDir Path tmp;
  private int http01;

  @BeforeEach
  void legoIsInstalled() {
    Lego.assumeInstalled();
    http01 = Ports.free();
  }

  @Test
  void legoRegistersWithExternalAccountBindingAndRenews() throws Exception {
    try (StandaloneJar server = eabServer()) {
      ExternalTool.Result refused = lego(server, List.of(), "run");
      assertThat(refused.exitCode()).as(refused.output()).isNotZero();
      // lego reads meta.externalAccountRequired and refuses before it sends newAccount.
      assertThat(refused.output()).contains("requires External Account Binding");

      ExternalTool.Result obtained = lego(server, eab(), "run");
      assertThat(obtained.exitCode()).as(obtained.output()).isZero();
      X509Certificate first = leaf(server);
      JsonNode accounts = new ObjectMapper().readTree(server.management().read("/accounts"));
      assertThat(accounts.findValuesAsText("externalAccountKid")).containsExactly(KID);

      ExternalTool.Result renewed =
          lego(server, eab(), "renew", "--days", "90", "--no-random-sleep");
      assertThat(renewed.exitCode()).as(renewed.output()).isZero();
      X509Certificate second = leaf(server);
      assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
      assertThat(second.getSubjectAlternativeNames())
          .containsExactlyElementsOf(first.getSubjectAlternativeNames());
    }
  }

  @Test
  void legoRenewsWhenRenewalInfoSaysSo() throws Exception {
    ExternalTool.Result help =
        ExternalTool.run(Map.of(), Duration.ofSeconds(30), List.of("lego", "renew", "--help"));
    boolean optIn = help.output().contains("--ari-enable");
    assumeTrue(
        optIn || help.output().contains("--ari-disable"),
        "the installed lego cannot renew by ARI: 'lego renew --help' has neither --ari-enable nor"
            + " --ari-disable (Debian 12's lego 4.9.1 predates ARI)");
    List<String> ari = optIn ? List.of("--ari-enable") : List.of();
    try (StandaloneJar server = eabServer()) {
      assertThat(lego(server, eab(), "run").exitCode()).isZero();
      X509Certificate first = leaf(server);
      String serial = first.getSerialNumber().toString(16);

      ExternalTool.Result early = renew(server, ari);
      assertThat(early.exitCode()).as(early.output()).isZero();
      assertThat(leaf(server).getSerialNumber()).isEqualTo(first.getSerialNumber());

      server.management().ok("/certificates/" + serial + "/renewal-window", "{\"renewNow\":true}");
      ExternalTool.Result due = renew(server, ari);

      assertThat(due.exitCode()).as(due.output()).isZero();
      assertThat(leaf(server).getSerialNumber()).isNotEqualTo(first.getSerialNumber());
      JsonNode orders = new ObjectMapper().readTree(server.management().read("/orders"));
      assertThat(orders.findValuesAsText("replaces")).hasSize(1);
    }
  }

  /** A renewal that only ARI can trigger: a day before expiry is months away. */
  private ExternalTool.Result renew(StandaloneJar server, List<String> ari) throws Exception {
    List<String> command = new ArrayList<>(List.of("renew", "--days", "1", "--no-random-sleep"));
    command.addAll(ari);
    return lego(server, eab(), command.toArray(String[]::new));
  }

  private StandaloneJar eabServer() {
    return StandaloneJar.startEphemeral(
        "--http01-port", Integer.toString(http01), "--eab-required", "--eab-key", KID + "=" + HMAC);
  }

  private static List<String> eab() {
    return List.of("--eab", "--kid", KID, "--hmac", HMAC);
  }

  private ExternalTool.Result lego(StandaloneJar server, List<String> options, String... command)
      throws Exception {
    List<String> line =
        new ArrayList<>(List.of("--http", "--http.port", "127.0.0.1:" + http01, "-d", "lego.test"));
    line.addAll(options);
    line.addAll(List.of(command));
    return lego(server).run(Map.of(), line);
  }

  private Lego lego(StandaloneJar server) {
    return new Lego(tmp.resolve("lego"), server.directory(), server.rootPem(), "dev@lego.test");
  }

  private X509Certificate leaf(StandaloneJar server) throws Exception {
    return lego(server).chain("lego.test").get(0);
  }
}
