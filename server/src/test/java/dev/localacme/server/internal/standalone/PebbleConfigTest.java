package dev.localacme.server.internal.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.AcmeServerConfig;
import dev.localacme.server.KeyAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PebbleConfigTest {
  /** Pebble's own test/config/pebble-config.json (v2.10), every key it has. */
  private static final String PEBBLE_TEST_CONFIG =
      """
      {
        "pebble": {
          "listenAddress": "0.0.0.0:14000",
          "managementListenAddress": "0.0.0.0:15000",
          "certificate": "test/certs/localhost/cert.pem",
          "privateKey": "test/certs/localhost/key.pem",
          "httpPort": 5002,
          "tlsPort": 5001,
          "ocspResponderURL": "",
          "externalAccountBindingRequired": false,
          "domainBlocklist": ["blocked-domain.example"],
          "retryAfter": {"authz": 3, "order": 5},
          "keyAlgorithm": "ecdsa",
          "profiles": {
            "default": {"description": "The profile you know and love", "validityPeriod": 7776000},
            "shortlived": {"description": "A short-lived cert profile, without actual enforcement", "validityPeriod": 518400}
          }
        }
      }
      """;

  @TempDir Path tmp;

  @Test
  void readsEveryKeyOfPebblesTestConfig() throws Exception {
    PebbleConfig config = PebbleConfig.read(write(PEBBLE_TEST_CONFIG));

    assertThat(config.listenAddress()).isEqualTo("0.0.0.0:14000");
    assertThat(config.httpPort()).isEqualTo(5002);
    assertThat(config.domainBlocklist()).containsExactly("blocked-domain.example");
    assertThat(config.retryAfter()).isEqualTo(new PebbleConfig.RetryAfter(3, 5));
    assertThat(config.profiles().get("shortlived").validityPeriod()).isEqualTo(518400L);
    assertThat(PebbleConfig.unknownKeys(write(PEBBLE_TEST_CONFIG))).isEmpty();
  }

  @Test
  void keysMatchWhateverTheirCaseAsInGo() throws Exception {
    PebbleConfig config =
        PebbleConfig.read(write("{\"Pebble\": {\"HTTPPORT\": 8080, \"listenaddress\": \":1\"}}"));

    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(HostPort.parse(config.listenAddress(), "x")).isEqualTo(new HostPort("0.0.0.0", 1));
  }

  @Test
  void unknownKeysAreReported() throws Exception {
    Path file = write("{\"pebble\": {\"httpPort\": 1, \"dnsPersistIssuer\": \"x\"}}");

    assertThat(PebbleConfig.unknownKeys(file)).containsExactly("dnsPersistIssuer");
  }

  @Test
  void settingsReachTheServerConfig() throws Exception {
    PebbleConfig config =
        PebbleConfig.read(
            write(
                """
                {"pebble": {
                  "keyAlgorithm": "rsa",
                  "externalAccountBindingRequired": true,
                  "externalAccountMACKeys": {
                    "kid-1": "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W"
                  },
                  "domainBlocklist": ["blocked-domain.example"],
                  "profiles": {"tiny": {"validityPeriod": 3600, "promoteCommonName": true},
                               "broken": {"validityPeriod": -5}},
                  "caaIdentities": ["pebble.letsencrypt.org"]
                }}"""));
    AcmeServer.Builder builder = AcmeServer.builder();
    List<String> notes = new ArrayList<>();

    PebbleSettings.apply(builder, config, false, notes);
    AcmeServerConfig server = builder.config();

    assertThat(PebbleSettings.keyAlgorithm(config)).isEqualTo(KeyAlgorithm.RSA_2048);
    assertThat(server.externalAccountRequired()).isTrue();
    assertThat(server.externalAccountKeys()).containsOnlyKeys("kid-1");
    assertThat(server.blockedDomains()).containsExactly("blocked-domain.example");
    assertThat(server.profiles().get("tiny").validity()).isEqualTo(Duration.ofHours(1));
    assertThat(server.profiles().get("tiny").commonName()).isTrue();
    assertThat(server.profiles().get("broken").validity()).isEqualTo(Duration.ofDays(90));
    assertThat(notes).isEmpty();
  }

  @Test
  void whatLocalAcmeDoesDifferentlyIsNoted() throws Exception {
    List<String> notes = new ArrayList<>();

    PebbleSettings.apply(
        AcmeServer.builder(), PebbleConfig.read(write(PEBBLE_TEST_CONFIG)), false, notes);

    assertThat(notes)
        .anyMatch(n -> n.contains("certificate/privateKey ignored"))
        .anyMatch(n -> n.contains("retryAfter not supported"));
  }

  @Test
  void badConfigsSayWhatIsWrongInOneLine() throws Exception {
    Path notJson = write("{\"pebble\": {");
    Path wrongType = write("{\"pebble\": {\"tlsPort\": [1]}}");
    Path badAlgorithm = write("{\"pebble\": {\"keyAlgorithm\": \"dsa\"}}");

    assertThatThrownBy(() -> PebbleConfig.read(notJson))
        .hasMessageStartingWith("config file " + notJson + " is not valid JSON (line 1");
    assertThatThrownBy(() -> PebbleConfig.read(wrongType))
        .hasMessageStartingWith("config file " + wrongType + ": \"tlsPort\" has the wrong type");
    assertThatThrownBy(() -> PebbleSettings.keyAlgorithm(PebbleConfig.read(badAlgorithm)))
        .hasMessage("config: keyAlgorithm must be \"rsa\" or \"ecdsa\", not \"dsa\"");
    assertThatThrownBy(() -> PebbleConfig.read(tmp.resolve("missing.json")))
        .hasMessage("config file " + tmp.resolve("missing.json") + " does not exist");
    assertThatThrownBy(() -> HostPort.parse("localhost", "listenAddress"))
        .hasMessageContaining("is not host:port");
  }

  private Path write(String json) throws Exception {
    return Files.writeString(Files.createTempFile(tmp, "pebble-config", ".json"), json);
  }
}
