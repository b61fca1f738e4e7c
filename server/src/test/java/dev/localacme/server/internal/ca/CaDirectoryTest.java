package dev.localacme.server.internal.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localacme.server.AcmeServerConfig;
import dev.localacme.server.KeyAlgorithm;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CaDirectoryTest {
  private static final CertificateAuthority.Settings SETTINGS =
      new CertificateAuthority.Settings(
          KeyAlgorithm.EC_P256, 0, 1, Duration.ofDays(3650), AcmeServerConfig.DEVELOPMENT_NAMES);

  @TempDir Path parent;

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"EC_P256", "EC_P384", "RSA_2048"})
  void loadingGivesBackTheCaThatWasCreated(KeyAlgorithm algorithm) {
    Path dir = parent.resolve("ca");
    CertificateAuthority created =
        CaDirectory.create(
            dir,
            new CertificateAuthority.Settings(algorithm, 0, 1, Duration.ofDays(365), List.of()),
            Clock.systemUTC());

    CertificateAuthority loaded = CaDirectory.load(dir, Clock.systemUTC());

    assertThat(loaded.root()).isEqualTo(created.root());
    assertThat(loaded.issuer()).isEqualTo(created.issuer());
    assertThat(loaded.issuerPrivateKey().getEncoded())
        .isEqualTo(created.issuerPrivateKey().getEncoded());
    assertThat(loaded.chains().get(0).root().key().getEncoded())
        .isEqualTo(created.chains().get(0).root().key().getEncoded());
  }

  @Test
  void alternateChainsAndLongerChainsAreKeptToo() {
    Path dir = parent.resolve("ca");
    CertificateAuthority created =
        CaDirectory.create(
            dir,
            new CertificateAuthority.Settings(
                KeyAlgorithm.EC_P256, 1, 2, Duration.ofDays(365), List.of()),
            Clock.systemUTC());

    CertificateAuthority loaded = CaDirectory.load(dir, Clock.systemUTC());

    assertThat(loaded.roots()).isEqualTo(created.roots());
    assertThat(loaded.chains().get(1).certificates())
        .isEqualTo(created.chains().get(1).certificates());
    assertThat(loaded.chains().get(0).intermediates()).hasSize(2);
  }

  @Test
  void privateKeysAreReadableByTheOwnerOnly() throws Exception {
    assumePosix();
    Path dir = parent.resolve("ca");
    CaDirectory.create(dir, SETTINGS, Clock.systemUTC());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    for (Path key :
        new Path[] {dir.resolve("issuer-key.pem"), dir.resolve("chain-0/root-key.pem")}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
          .as(key.toString())
          .isEqualTo("rw-------");
    }
  }

  @Test
  void keyReadableByOthersIsRefusedNamingTheFile() throws Exception {
    assumePosix();
    Path dir = parent.resolve("ca");
    CaDirectory.create(dir, SETTINGS, Clock.systemUTC());
    Path key = dir.resolve("chain-0/root-key.pem");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> CaDirectory.load(dir, Clock.systemUTC()))
        .hasMessageContaining(key.toString())
        .hasMessageContaining("rw-r--r--")
        .hasMessageContaining("chmod 600");
  }

  @Test
  void damagedKeyIsRefusedNamingTheFile() throws Exception {
    Path dir = parent.resolve("ca");
    CaDirectory.create(dir, SETTINGS, Clock.systemUTC());
    Path key = dir.resolve("issuer-key.pem");
    Files.writeString(
        key, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> CaDirectory.load(dir, Clock.systemUTC()))
        .hasMessageStartingWith(key + " is not a usable EC private key");
  }

  @Test
  void keyOfAnotherCertificateIsRefused() throws Exception {
    Path dir = parent.resolve("ca");
    Path other = parent.resolve("other");
    CaDirectory.create(dir, SETTINGS, Clock.systemUTC());
    CaDirectory.create(other, SETTINGS, Clock.systemUTC());
    Path key = dir.resolve("issuer-key.pem");
    Files.copy(other.resolve("issuer-key.pem"), key, StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> CaDirectory.load(dir, Clock.systemUTC()))
        .hasMessage(
            key
                + " is not the private key of the certificate in "
                + dir.resolve("chain-0/intermediate-0.pem"));
  }

  @Test
  void intermediateNotSignedByTheRootIsRefusedAlthoughTheChecksOnceCheckedOut() throws Exception {
    Path dir = parent.resolve("ca");
    Path other = parent.resolve("other");
    CaDirectory.create(dir, SETTINGS, Clock.systemUTC());
    CaDirectory.create(other, SETTINGS, Clock.systemUTC());
    assertThat(dir.resolve("checked.sha256")).exists();
    CaDirectory.load(dir, Clock.systemUTC());
    // A consistent key and certificate, but from another CA: only the signature check sees it.
    for (String name : List.of("issuer-key.pem", "chain-0/intermediate-0.pem")) {
      Files.copy(other.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    assertThatThrownBy(() -> CaDirectory.load(dir, Clock.systemUTC()))
        .hasMessageStartingWith(
            dir.resolve("chain-0/intermediate-0.pem")
                + " is not signed by the next certificate up in "
                + dir.resolve("chain-0"));
  }

  @Test
  void unusableRecordOfTheChecksMeansCheckingAgain() throws Exception {
    Path dir = parent.resolve("ca");
    CaDirectory.create(dir, SETTINGS, Clock.systemUTC());
    Path checked = dir.resolve("checked.sha256");
    String recorded = Files.readString(checked);
    Files.writeString(checked, "not a digest\n");

    CaDirectory.load(dir, Clock.systemUTC());

    assertThat(Files.readString(checked)).isEqualTo(recorded).matches("[0-9a-f]{64}\n");
  }

  @Test
  void certificateThatIsNotPemIsRefused() throws Exception {
    Path dir = parent.resolve("ca");
    CaDirectory.create(dir, SETTINGS, Clock.systemUTC());
    Path root = dir.resolve("chain-0/root.pem");
    Files.writeString(root, "hello\n");

    assertThatThrownBy(() -> CaDirectory.load(dir, Clock.systemUTC()))
        .hasMessageStartingWith(root.toString());
  }

  @Test
  void missingFileIsNamed() throws Exception {
    Path dir = parent.resolve("ca");
    CaDirectory.create(dir, SETTINGS, Clock.systemUTC());
    Files.delete(dir.resolve("chain-0/intermediate-0.pem"));

    assertThatThrownBy(() -> CaDirectory.load(dir, Clock.systemUTC()))
        .hasMessageContaining(dir.resolve("chain-0/intermediate-0.pem") + " is missing");
  }

  @Test
  void expiredCaIsRefusedWithWhatToDo() {
    Path dir = parent.resolve("ca");
    CaDirectory.create(dir, SETTINGS, Clock.systemUTC());
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(3700)), ZoneOffset.UTC);

    assertThatThrownBy(() -> CaDirectory.load(dir, later))
        .hasMessageContaining("expired")
        .hasMessageContaining("move the data directory aside");
  }

  private static void assumePosix() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "file permissions are POSIX-only");
  }
}
