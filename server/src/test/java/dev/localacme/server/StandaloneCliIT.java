package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localacme.server.support.Ports;
import dev.localacme.server.support.StandaloneJar;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's command line: help, errors that say what is wrong, start-up output, signals. */
class StandaloneCliIT {
  @TempDir Path tmp;

  @Test
  void helpListsEveryFlagWithItsEnvironmentVariable() {
    StandaloneJar help = StandaloneJar.run("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.stdout())
        .contains(
            "--data-dir",
            "LOCALACME_DATA_DIR",
            "--ephemeral",
            "LOCALACME_EPHEMERAL",
            "--allow-domain",
            "LOCALACME_ALLOW_DOMAIN",
            "--unconstrained-root",
            "LOCALACME_UNCONSTRAINED_ROOT",
            "-config, --config",
            "LOCALACME_CONFIG",
            "PEBBLE_VA_ALWAYS_VALID",
            "PEBBLE_WFE_NONCEREJECT");
  }

  @Test
  void versionNamesLocalAcme() {
    StandaloneJar version = StandaloneJar.run("--version");

    assertThat(version.exitCode()).isZero();
    assertThat(version.stdout()).startsWith("LocalAcme ");
  }

  @Test
  void unknownFlagIsOneLineAndExitCode2() {
    StandaloneJar bad = StandaloneJar.run("--data-dir", tmp.toString(), "--bogus");

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).isEqualTo("localacme: Unknown option: '--bogus' (see --help)");
  }

  @Test
  void badFlagValueSaysWhichFlag() {
    StandaloneJar bad = StandaloneJar.run("--data-dir", tmp.toString(), "--port", "fourteen");

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr())
        .isEqualTo(
            "localacme: Invalid value for option '--port': 'fourteen' is not an int (see --help)");
  }

  @Test
  void badEnvironmentVariableSaysWhichVariable() {
    StandaloneJar bad =
        StandaloneJar.run(Map.of("PEBBLE_WFE_NONCEREJECT", "lots"), "--data-dir", tmp.toString());

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr())
        .isEqualTo("localacme: PEBBLE_WFE_NONCEREJECT must be a whole number, not \"lots\"");
  }

  @Test
  void configThatIsNotJsonNamesTheFileAndTheSpot() throws Exception {
    Path config =
        Files.writeString(
            tmp.resolve("pebble-config.json"), "{\"pebble\": {\n  \"httpPort\": 5002,,\n}}");

    StandaloneJar bad =
        StandaloneJar.run(
            "--data-dir", tmp.resolve("data").toString(), "-config", config.toString());

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr())
        .startsWith("localacme: config file " + config + " is not valid JSON (line 2");
    assertThat(bad.stderr().lines()).hasSize(1);
  }

  @Test
  void configWithAWrongTypeNamesTheKey() throws Exception {
    Path config =
        Files.writeString(tmp.resolve("c.json"), "{\"pebble\": {\"httpPort\": \"fifty\"}}");

    StandaloneJar bad =
        StandaloneJar.run(
            "--data-dir", tmp.resolve("data").toString(), "--config", config.toString());

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr())
        .startsWith("localacme: config file " + config + ": \"httpPort\" has the wrong type");
  }

  @Test
  void configWithoutThePebbleObjectSaysSo() throws Exception {
    Path config = Files.writeString(tmp.resolve("c.json"), "{\"httpPort\": 5002}");

    StandaloneJar bad =
        StandaloneJar.run(
            "--data-dir", tmp.resolve("data").toString(), "--config", config.toString());

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr())
        .isEqualTo(
            "localacme: config file "
                + config
                + " has no top-level \"pebble\" object, as Pebble's config has");
  }

  @Test
  void corruptStateFileIsAnErrorNamingItAndNothingIsReset() throws Exception {
    Path data = tmp.resolve("data");
    try (StandaloneJar first = StandaloneJar.start(args(data))) {
      assertThat(first.isReady()).as(first.stdout() + first.stderr()).isTrue();
    }
    Path state = data.resolve("state.mv.db");
    byte[] garbage = "this is no longer a database ".repeat(600).getBytes();
    Files.write(state, garbage);

    StandaloneJar broken = StandaloneJar.run(args(data));

    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.stderr())
        .startsWith("localacme: the state file " + state + " cannot be read")
        .contains("does not reset it");
    assertThat(broken.stderr().lines()).hasSize(1);
    assertThat(Files.readAllBytes(state)).isEqualTo(garbage);
  }

  @Test
  void keyFileReadableByOthersIsAnErrorNamingIt() throws Exception {
    Path data = tmp.resolve("data");
    try (StandaloneJar first = StandaloneJar.start(args(data))) {
      assertThat(first.isReady()).isTrue();
    }
    Path key = data.resolve("ca/issuer-key.pem");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-rw-r--"));

    StandaloneJar broken = StandaloneJar.run(args(data));

    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.stderr())
        .isEqualTo(
            "localacme: "
                + key
                + " is readable by others (permissions rw-rw-r--); a CA private key must be"
                + " readable by its owner only: chmod 600 "
                + key);
  }

  @Test
  void startUpSaysWhereTheRootIsAndHowToTrustIt() throws Exception {
    Path data = tmp.resolve("data");
    try (StandaloneJar server = StandaloneJar.start(args(data))) {
      String out = server.stdout();
      assertThat(out)
          .contains("ACME directory:   https://localhost:")
          .contains("Root certificate: " + data.resolve("root.pem"))
          .contains("Trust store:      " + data.resolve("root.p12"))
          .contains("-Djavax.net.ssl.trustStore=" + data.resolve("root.p12"))
          .contains("curl --cacert " + data.resolve("root.pem"))
          .contains("REQUESTS_CA_BUNDLE=" + data.resolve("root.pem"))
          .contains("LEGO_CA_CERTIFICATES=" + data.resolve("root.pem"))
          .contains("NODE_EXTRA_CA_CERTS=" + data.resolve("root.pem"))
          .contains("Name constraints: the root may only certify localhost, test, internal");
      assertThat(server.root()).isEqualTo(server.root());
    }
  }

  @Test
  void readmeJvmOptionsStartTheServerOnItsClassDataArchive() throws Exception {
    Path jar = StandaloneJar.path();
    assumeTrue(
        Files.exists(jar.resolveSibling("localacme.jsa")),
        "the build made no class data archive (-Dlocalacme.cds.skip)");
    // -Xshare:on: the JVM refuses to start unless it maps the archive, so a stale archive or an
    // option this JDK does not take fails here, not quietly in the README's command.
    List<String> jvm = new ArrayList<>(StandaloneJar.readmeJvmOptions(jar));
    jvm.add("-Xshare:on");
    Path data = tmp.resolve("data");
    try (StandaloneJar server = StandaloneJar.startWithJvmOptions(jvm, Map.of(), args(data))) {
      assertThat(server.isReady()).as(server.output()).isTrue();
      assertThat(jvm.get(0)).startsWith("@").endsWith("localacme.args");
      assertThat(server.management().read("/roots/0")).contains("BEGIN CERTIFICATE");
    }
  }

  @Test
  void restartKeepsTheRoot() throws Exception {
    Path data = tmp.resolve("data");
    String first;
    try (StandaloneJar server = StandaloneJar.start(args(data))) {
      assertThat(server.stdout()).contains("(created now, with a new root)");
      first = Files.readString(server.rootPem());
    }
    try (StandaloneJar server = StandaloneJar.start(args(data))) {
      assertThat(server.stdout()).doesNotContain("created now");
      assertThat(Files.readString(server.rootPem())).isEqualTo(first);
    }
  }

  @Test
  void persistentRootKeysAreServedOnlyWithExposeCaKeys() throws Exception {
    Path data = tmp.resolve("data");
    try (StandaloneJar server = StandaloneJar.start(args(data))) {
      HttpResponse<String> refused = server.management().get("/root-keys/0");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("unauthorized").contains("--expose-ca-keys");
    }
    try (StandaloneJar server = StandaloneJar.start(args(data, "--expose-ca-keys"))) {
      HttpResponse<String> served = server.management().get("/intermediate-keys/0");
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.body()).startsWith("-----BEGIN ").contains("PRIVATE KEY-----");
    }
    try (StandaloneJar server =
        StandaloneJar.start(Map.of("LOCALACME_EXPOSE_CA_KEYS", "true"), args(data))) {
      HttpResponse<String> served = server.management().get("/root-keys/0");
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.body()).startsWith("-----BEGIN ").contains("PRIVATE KEY-----");
    }
  }

  @Test
  void sigtermStopsCleanly() {
    StandaloneJar server = StandaloneJar.start(args(tmp.resolve("data")));

    int exit = server.stop();

    assertThat(exit).isEqualTo(143);
    assertThat(server.stdout()).contains("localacme - stopping").contains("localacme - stopped");
  }

  @Test
  void unconstrainedRootIsWarnedAboutAtEveryStart() {
    Path data = tmp.resolve("data");
    try (StandaloneJar server = StandaloneJar.start(args(data, "--unconstrained-root"))) {
      assertThat(server.stdout()).contains("is NOT name-constrained");
    }
    try (StandaloneJar server = StandaloneJar.start(args(data))) {
      assertThat(server.stdout())
          .contains("is NOT name-constrained")
          .doesNotContain("Name constraints:");
    }
  }

  @Test
  void allowDomainThatTheExistingRootLacksIsRefused() {
    Path data = tmp.resolve("data");
    try (StandaloneJar server = StandaloneJar.start(args(data))) {
      assertThat(server.isReady()).isTrue();
    }

    StandaloneJar refused = StandaloneJar.run(args(data, "--allow-domain", "corp.example.org"));

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr())
        .contains("it cannot also permit corp.example.org")
        .contains("new --data-dir");
  }

  @Test
  void ephemeralServerWritesATemporaryRootAndRemovesIt() {
    StandaloneJar server =
        StandaloneJar.start("--ephemeral", "--port", "0", "--management-port", "0");
    Path root = server.rootPem();
    assertThat(root).exists();
    assertThat(server.stdout())
        .contains("in memory (--ephemeral)")
        .doesNotContain("Name constraints");

    server.stop();

    assertThat(root).doesNotExist();
  }

  @Test
  void ephemeralWinsOverADataDirectoryFromTheEnvironment() {
    Path data = tmp.resolve("data");
    try (StandaloneJar server =
        StandaloneJar.start(
            Map.of("LOCALACME_DATA_DIR", data.toString(), "LOCALACME_EPHEMERAL", "true"),
            "--port",
            "0",
            "--management-port",
            "0")) {
      assertThat(server.stdout()).contains("in memory (--ephemeral)");
      assertThat(data).doesNotExist();
    }
  }

  @Test
  void ephemeralAndDataDirOnOneCommandLineContradict() {
    StandaloneJar bad = StandaloneJar.run("--ephemeral", "--data-dir", tmp.toString());

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).isEqualTo("localacme: --ephemeral keeps no data; drop --data-dir");
  }

  @Test
  void defaultDataDirectoryFollowsXdgDataHome() {
    Path xdg = tmp.resolve("xdg");
    try (StandaloneJar server =
        StandaloneJar.start(
            Map.of("XDG_DATA_HOME", xdg.toString()), "--port", "0", "--management-port", "0")) {
      assertThat(server.rootPem()).isEqualTo(xdg.resolve("localacme/root.pem"));
    }
  }

  @Test
  void pebbleConfigSetsThePorts() throws Exception {
    int port = Ports.free();
    int management = Ports.free();
    Path config =
        Files.writeString(
            tmp.resolve("pebble-config.json"),
            """
            {"pebble": {
              "listenAddress": "127.0.0.1:%d",
              "managementListenAddress": "127.0.0.1:%d",
              "certificate": "test/certs/localhost/cert.pem",
              "privateKey": "test/certs/localhost/key.pem",
              "HTTPPort": 5555, "tlsPort": 5556, "ocspResponderURL": "",
              "externalAccountBindingRequired": false
            }}"""
                .formatted(port, management));

    try (StandaloneJar server =
        StandaloneJar.start(
            "--data-dir", tmp.resolve("data").toString(), "-config", config.toString())) {
      assertThat(server.directory().getPort()).isEqualTo(port);
      assertThat(server.managementUri().getPort()).isEqualTo(management);
      assertThat(server.stdout())
          .contains("http-01 to 127.0.0.1 port 5555, tls-alpn-01 to port 5556")
          .contains("certificate/privateKey ignored");
    }
  }

  private static String[] args(Path data, String... more) {
    String[] base = {"--data-dir", data.toString(), "--port", "0", "--management-port", "0"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
