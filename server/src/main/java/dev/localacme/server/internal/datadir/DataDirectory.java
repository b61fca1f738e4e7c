package dev.localacme.server.internal.datadir;

import dev.localacme.server.internal.ca.CaDirectory;
import dev.localacme.server.internal.ca.CertificateAuthority;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.internal.ca.PermittedNames;
import dev.localacme.server.internal.protocol.Identifiers;
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
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Where the standalone server keeps everything that must outlive it.
 *
 * <pre>
 * root.pem      the root certificate to trust (PEM)
 * root.p12      the same as a PKCS#12 trust store without a password (every root, with alternates)
 * ca/           the CA's certificates and private keys, owner only (see {@link CaDirectory}),
 *               and the ACME API's own TLS certificate (api.pem, api-key.pem), kept between starts
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
      // Opening the state file and checking the CA are independent: do both at once.
      CompletableFuture<MvStore> store =
          CompletableFuture.supplyAsync(() -> MvStore.open(stateFile()));
      try {
        ca = CaDirectory.load(caDir(), clock);
        checkNotWidened(ca.root(), settings.nameConstraints());
        writeTrustFiles(ca.roots());
      } catch (RuntimeException e) {
        store.thenAccept(MvStore::close);
        throw e;
      }
      return new Opened(ca, join(store), false);
    }
    writeTrustFiles(ca.roots());
    return new Opened(ca, MvStore.open(stateFile()), created);
  }

  /**
   * The key and certificate chain of the ACME API's own TLS listener: the one kept from the last
   * start while it still covers {@code names} and has a month left, else a new one, kept for the
   * next start. Only a cache: a file that cannot be used is replaced.
   */
  public CertificateAuthority.ServerIdentity apiIdentity(
      CertificateAuthority ca, List<String> names, Duration validity, Clock clock) {
    Path certificateFile = caDir().resolve("api.pem");
    Path keyFile = caDir().resolve("api-key.pem");
    try {
      if (Files.exists(certificateFile) && Files.exists(keyFile)) {
        List<X509Certificate> chain =
            Pem.parseCertificates(Files.readString(certificateFile, StandardCharsets.US_ASCII));
        X509Certificate leaf = chain.get(0);
        if (leaf.getIssuerX500Principal().equals(ca.issuer().getSubjectX500Principal())
            && chain.subList(1, chain.size()).equals(apiChainTail(ca))
            && sameNames(leaf, names)
            && leaf.getNotAfter().toInstant().isAfter(clock.instant().plus(Duration.ofDays(30)))) {
          PrivateKey key =
              Pem.parsePrivateKey(
                  Files.readString(keyFile, StandardCharsets.US_ASCII),
                  leaf.getPublicKey().getAlgorithm());
          return new CertificateAuthority.ServerIdentity(key, chain);
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // a damaged cache is replaced below
    }
    CertificateAuthority.ServerIdentity identity = ca.serverIdentity(names, validity);
    try {
      Files.deleteIfExists(keyFile);
      CaDirectory.writeKey(keyFile, identity.key());
      Files.writeString(
          certificateFile, Pem.certificates(identity.chain()), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      // the next start issues another one
    }
    return identity;
  }

  private static List<X509Certificate> apiChainTail(CertificateAuthority ca) {
    List<X509Certificate> tail = new ArrayList<>(ca.chains().get(0).certificates());
    tail.add(ca.root());
    return tail;
  }

  private static boolean sameNames(X509Certificate leaf, List<String> names)
      throws CertificateParsingException {
    Set<String> wanted = new HashSet<>();
    names.forEach(n -> wanted.add(n.toLowerCase(Locale.ROOT)));
    Set<String> present = new HashSet<>();
    Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
    if (sans != null) {
      for (List<?> san : sans) {
        String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
        present.add(
            Identifiers.looksLikeIp(value)
                ? Identifiers.canonicalIp(Identifiers.parseIp(value))
                : value);
      }
    }
    Set<String> canonical = new HashSet<>();
    for (String w : wanted) {
      canonical.add(
          Identifiers.looksLikeIp(w) ? Identifiers.canonicalIp(Identifiers.parseIp(w)) : w);
    }
    return present.equals(canonical);
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
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
