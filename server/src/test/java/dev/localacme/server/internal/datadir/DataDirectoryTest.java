package dev.localacme.server.internal.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.AcmeServerConfig;
import dev.localacme.server.KeyAlgorithm;
import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.Pem;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @TempDir Path parent;

  @Test
  void secondOpenKeepsTheRootAndTheTrustFiles() throws Exception {
    DataDirectory data = new DataDirectory(parent.resolve("data"));
    CertificateAuthority.Settings settings = settings(AcmeServerConfig.DEVELOPMENT_NAMES);
    DataDirectory.Opened first = data.open(settings, Clock.systemUTC());
    first.store().close();

    DataDirectory.Opened second = data.open(settings, Clock.systemUTC());
    second.store().close();

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.ca().root()).isEqualTo(first.ca().root());
    assertThat(Pem.parseCertificates(Files.readString(data.rootPem())))
        .containsExactly(first.ca().root());
  }

  @Test
  void trustStoreOpensWithoutAPassword() throws Exception {
    DataDirectory data = new DataDirectory(parent.resolve("data"));
    DataDirectory.Opened opened = data.open(settings(List.of()), Clock.systemUTC());
    opened.store().close();

    // What -Djavax.net.ssl.trustStore without trustStorePassword does.
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(data.trustStore())) {
      store.load(in, null);
    }

    assertThat(store.isCertificateEntry("localacme-root")).isTrue();
    assertThat(store.getCertificate("localacme-root")).isEqualTo(opened.ca().root());
  }

  @Test
  void stateWithoutItsCaIsAnErrorNotAFreshStart() throws Exception {
    DataDirectory data = new DataDirectory(parent.resolve("data"));
    data.open(settings(List.of()), Clock.systemUTC()).store().close();
    deleteTree(data.caDir());

    assertThatThrownBy(() -> data.open(settings(List.of()), Clock.systemUTC()))
        .hasMessageContaining("has state (state.mv.db) but no CA (ca/)");
    assertThat(data.caDir()).doesNotExist();
  }

  @Test
  void constraintsOfAnExistingRootCannotBeWidened() {
    DataDirectory data = new DataDirectory(parent.resolve("data"));
    data.open(settings(AcmeServerConfig.DEVELOPMENT_NAMES), Clock.systemUTC()).store().close();
    List<String> wider = new ArrayList<>(AcmeServerConfig.DEVELOPMENT_NAMES);
    wider.add("corp.example.org");

    assertThatThrownBy(() -> data.open(settings(wider), Clock.systemUTC()))
        .hasMessageContaining("it cannot also permit corp.example.org")
        .hasMessageContaining("new --data-dir");
  }

  @Test
  void aFileWhereTheDirectoryShouldBeIsAnError() throws Exception {
    Path file = Files.writeString(parent.resolve("data"), "x");

    assertThatThrownBy(() -> new DataDirectory(file).open(settings(List.of()), Clock.systemUTC()))
        .hasMessageContaining(file + " is a file, not a directory");
  }

  @Test
  void apiCertificateIsKeptBetweenStartsWhileItCoversTheNames() throws Exception {
    DataDirectory data = new DataDirectory(parent.resolve("data"));
    DataDirectory.Opened opened = data.open(settings(List.of()), Clock.systemUTC());
    opened.store().close();
    List<String> names = List.of("localhost", "127.0.0.1", "::1");

    CertificateAuthority.ServerIdentity first =
        data.apiIdentity(opened.ca(), names, Duration.ofDays(365), Clock.systemUTC());
    CertificateAuthority.ServerIdentity again =
        data.apiIdentity(opened.ca(), names, Duration.ofDays(365), Clock.systemUTC());
    CertificateAuthority.ServerIdentity renamed =
        data.apiIdentity(
            opened.ca(),
            List.of("localhost", "acme.test"),
            Duration.ofDays(365),
            Clock.systemUTC());

    assertThat(again.chain()).isEqualTo(first.chain());
    assertThat(again.key().getEncoded()).isEqualTo(first.key().getEncoded());
    assertThat(renamed.chain().get(0)).isNotEqualTo(first.chain().get(0));
    assertThat(renamed.chain().get(0).getSubjectAlternativeNames())
        .extracting(san -> (Object) san.get(1))
        .containsExactlyInAnyOrder("localhost", "acme.test");
  }

  private static CertificateAuthority.Settings settings(List<String> constraints) {
    return new CertificateAuthority.Settings(
        KeyAlgorithm.EC_P256, 0, 1, Duration.ofDays(3650), constraints);
  }

  private static void deleteTree(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
