package dev.localacme.server.internal.datadir;

import dev.localacme.server.internal.ca.CaDirectory;
import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.internal.ca.PermittedNames;
import dev.localacme.server.internal.state.MvStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the standalone server keeps everything that must outlive it.
 *
 * <pre>
 * root.pem      the root certificate to trust (PEM)
 * root.p12      the same as a PKCS#12 trust store without a password (every root, with alternates)
 * ca/           the CA's certificates and private keys, owner only (see {@link CaDirectory})
 * state.mv.db   accounts, orders, authorizations and certificates (see {@link MvStore})
 * </pre>
 *
 * <p>Nothing here is ever reset silently: what cannot be read is an error naming the file.
 */
public record DataDirectory(Path dir) {

  /** The CA and the store of an opened data directory; {@code created} on its first start. */
  public record Opened(CertificateAuthority ca, MvStore store, boolean created) {}

  public DataDirectory {
    dir = dir.toAbsolutePath().normalize();
  }

  public Path rootPem() {
    return dir.resolve("root.pem");
  }

  public Path trustStore() {
    return dir.resolve("root.p12");
  }

  public Path caDir() {
    return dir.resolve("ca");
  }

  public Path stateFile() {
    return dir.resolve("state.mv.db");
  }

  /**
   * Loads the CA (creating it with {@code settings} on the first start) and opens the state.
   *
   * @throws IllegalStateException naming the file or setting that stands in the way
   */
  public Opened open(CertificateAuthority.Settings settings, Clock clock) {
    prepare();
    boolean created = !Files.exists(caDir());
    CertificateAuthority ca;
    if (created) {
      if (Files.exists(stateFile())) {
        throw new IllegalStateException(
            "the data directory "
                + dir
                + " has state ("
                + stateFile().getFileName()
                + ") but no CA (ca/): the certificates in it were issued by a root that is gone."
                + " Restore ca/ from a backup, or move the data directory aside to start afresh");
      }
      ca = CaDirectory.create(caDir(), settings, clock);
    } else if (!Files.isDirectory(caDir())) {
      throw new IllegalStateException(caDir() + " is not a directory");
    } else {
      ca = CaDirectory.load(caDir(), clock);
      checkNotWidened(ca.root(), settings.nameConstraints());
    }
    writeTrustFiles(ca.roots());
    return new Opened(ca, MvStore.open(stateFile()), created);
  }

  private void prepare() {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalStateException("the data directory " + dir + " is a file, not a directory");
    }
    try {
      if (!Files.exists(dir)) {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
          Files.createDirectories(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(dir);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the data directory " + dir + ": " + e, e);
    }
    if (!Files.isWritable(dir)) {
      throw new IllegalStateException("the data directory " + dir + " is not writable");
    }
  }

  /** Name constraints are signed into the root: a wider set needs a new root. */
  private void checkNotWidened(X509Certificate root, List<String> requested) {
    Optional<PermittedNames> permitted = PermittedNames.of(root);
    if (requested.isEmpty() || permitted.isEmpty()) {
      return;
    }
    List<String> missing = permitted.get().missing(PermittedNames.parse(requested));
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the root in "
              + rootPem()
              + " was created permitting only "
              + permitted.get().describe()
              + "; it cannot also permit "
              + String.join(", ", missing)
              + " because name constraints are signed into the root. Use a new --data-dir (or"
              + " move this one aside) to create a new root with them, and trust that one");
    }
  }

  private void writeTrustFiles(List<X509Certificate> roots) {
    String pem = Pem.certificate(roots.get(0));
    try {
      boolean same =
          Files.exists(rootPem())
              && Files.readString(rootPem(), StandardCharsets.US_ASCII).equals(pem);
      if (!same || !Files.exists(trustStore())) {
        Files.writeString(rootPem(), pem, StandardCharsets.US_ASCII);
        Files.write(trustStore(), passwordlessTrustStore(roots));
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write the trust files " + rootPem() + " and " + trustStore() + ": " + e, e);
    }
  }

  /**
   * A PKCS#12 trust store that needs no password: certificates unencrypted, no MAC, so {@code
   * -Djavax.net.ssl.trustStore} works without {@code trustStorePassword}. The JDK writes such a
   * store when these two properties say {@code NONE} (JDK 12 and later, and 11.0.12+).
   */
  public static synchronized byte[] passwordlessTrustStore(List<X509Certificate> roots) {
    Map<String, String> saved =
        Map.of(
            "keystore.pkcs12.certProtectionAlgorithm",
            String.valueOf(System.getProperty("keystore.pkcs12.certProtectionAlgorithm")),
            "keystore.pkcs12.macAlgorithm",
            String.valueOf(System.getProperty("keystore.pkcs12.macAlgorithm")));
    try {
      saved.keySet().forEach(k -> System.setProperty(k, "NONE"));
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < roots.size(); i++) {
        store.setCertificateEntry(i == 0 ? "localacme-root" : "localacme-root-" + i, roots.get(i));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, new char[0]);
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the PKCS#12 trust store: " + e, e);
    } finally {
      saved.forEach(
          (k, v) -> {
            if (v.equals("null")) {
              System.clearProperty(k);
            } else {
              System.setProperty(k, v);
            }
          });
    }
  }
}
