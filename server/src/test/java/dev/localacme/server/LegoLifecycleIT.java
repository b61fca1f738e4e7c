package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.support.ExternalTool;
import dev.localacme.server.support.StandaloneJar;
import java.nio.file.Files;
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
    ExternalTool.assumeInstalled("lego", "lego");
    http01 = StandaloneJar.freePort();
  }

  @Test
  void legoRegistersWithExternalAccountBindingAndRenews() throws Exception {
    try (StandaloneJar server = eabServer()) {
      Path trust = trust(server);
      ExternalTool.Result refused = lego(server, trust, List.of(), "run");
      assertThat(refused.exitCode()).as(refused.output()).isNotZero();
      // lego reads meta.externalAccountRequired and refuses before it sends newAccount.
      assertThat(refused.output()).contains("requires External Account Binding");

      ExternalTool.Result obtained = lego(server, trust, eab(), "run");
      assertThat(obtained.exitCode()).as(obtained.output()).isZero();
      X509Certificate first = leaf();
      JsonNode accounts = new ObjectMapper().readTree(server.management("/accounts"));
      assertThat(accounts.findValuesAsText("externalAccountKid")).containsExactly(KID);

      ExternalTool.Result renewed =
          lego(server, trust, eab(), "renew", "--days", "90", "--no-random-sleep");
      assertThat(renewed.exitCode()).as(renewed.output()).isZero();
      X509Certificate second = leaf();
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
      Path trust = trust(server);
      assertThat(lego(server, trust, eab(), "run").exitCode()).isZero();
      X509Certificate first = leaf();
      String serial = first.getSerialNumber().toString(16);

      ExternalTool.Result early = renew(server, trust, ari);
      assertThat(early.exitCode()).as(early.output()).isZero();
      assertThat(leaf().getSerialNumber()).isEqualTo(first.getSerialNumber());

      server.managementPost("/certificates/" + serial + "/renewal-window", "{\"renewNow\":true}");
      ExternalTool.Result due = renew(server, trust, ari);

      assertThat(due.exitCode()).as(due.output()).isZero();
      assertThat(leaf().getSerialNumber()).isNotEqualTo(first.getSerialNumber());
      JsonNode orders = new ObjectMapper().readTree(server.management("/orders"));
      assertThat(orders.findValuesAsText("replaces")).hasSize(1);
    }
  }

  /** A renewal that only ARI can trigger: a day before expiry is months away. */
  private ExternalTool.Result renew(StandaloneJar server, Path trust, List<String> ari)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("renew", "--days", "1", "--no-random-sleep"));
    command.addAll(ari);
    return lego(server, trust, eab(), command.toArray(String[]::new));
  }

  private StandaloneJar eabServer() throws Exception {
    return StandaloneJar.start(
        tmp,
        "--http01-port",
        Integer.toString(http01),
        "--eab-required",
        "--eab-key",
        KID + "=" + HMAC);
  }

  private Path trust(StandaloneJar server) throws Exception {
    Path trust = tmp.resolve("root.pem");
    Files.writeString(trust, Pem.certificate(server.root(0)));
    return trust;
  }

  private static List<String> eab() {
    return List.of("--eab", "--kid", KID, "--hmac", HMAC);
  }

  private ExternalTool.Result lego(
      StandaloneJar server, Path trust, List<String> options, String... command) throws Exception {
    List<String> line =
        new ArrayList<>(
            List.of(
                "lego",
                "--server",
                server.directory().toString(),
                "--email",
                "dev@lego.test",
                "--accept-tos",
                "--path",
                tmp.resolve("lego").toString(),
                "--http",
                "--http.port",
                "127.0.0.1:" + http01,
                "-d",
                "lego.test"));
    line.addAll(options);
    line.addAll(List.of(command));
    return ExternalTool.run(
        Map.of("LEGO_CA_CERTIFICATES", trust.toString()), Duration.ofMinutes(2), line);
  }

  private X509Certificate leaf() throws Exception {
    Path bundle = tmp.resolve("lego/certificates/lego.test.crt");
    return Pem.parseCertificates(Files.readString(bundle)).get(0);
  }
}
