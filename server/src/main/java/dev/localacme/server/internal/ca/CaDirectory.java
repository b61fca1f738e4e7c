package dev.localacme.server.internal.ca;

import dev.localacme.server.internal.ca.CertificateAuthority.Chain;
import dev.localacme.server.internal.ca.CertificateAuthority.Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A CA kept as PEM files in a directory, so the same root survives restarts. Private keys are
 * PKCS#8 and readable by their owner only; loading refuses keys that others can read, and names the
 * file of anything it cannot use.
 *
 * <pre>
 * issuer-key.pem                the key that signs certificates (shared by every chain)
 * chain-0/root.pem              the root of the default chain, and root-key.pem its key
 * chain-0/intermediate-0.pem    the certificate of issuer-key.pem in this chain
 * chain-0/intermediate-1.pem    further intermediates up to the root (with -key.pem), if any
 * chain-1/...                   alternate chains, if any
 * checked.sha256                the files as they were when their keys and signatures last checked out
 * </pre>
 */
public final class CaDirectory {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private static final String CHECKED = "checked.sha256";

  private CaDirectory() {}

  /** Creates a new CA in {@code dir}, which must not exist yet; all files appear at once. */
  public static CertificateAuthority create(
      Path dir, CertificateAuthority.Settings settings, Clock clock) {
    CertificateAuthority ca = CertificateAuthority.generate(settings, clock);
    Path parent = dir.toAbsolutePath().getParent();
    Path staging = null;
    try {
      staging =
          POSIX
              ? Files.createTempDirectory(
                  parent, ".ca-", PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY))
              : Files.createTempDirectory(parent, ".ca-");
      writePrivate(staging.resolve("issuer-key.pem"), Pem.privateKey(ca.issuerPrivateKey()));
      for (int c = 0; c < ca.chains().size(); c++) {
        Chain chain = ca.chains().get(c);
        Path chainDir = Files.createDirectory(staging.resolve("chain-" + c));
        writePublic(chainDir.resolve("root.pem"), Pem.certificate(chain.root().certificate()));
        writePrivate(chainDir.resolve("root-key.pem"), Pem.privateKey(chain.root().key()));
        for (int i = 0; i < chain.intermediates().size(); i++) {
          Signer intermediate = chain.intermediates().get(i);
          writePublic(
              chainDir.resolve("intermediate-" + i + ".pem"),
              Pem.certificate(intermediate.certificate()));
          if (i > 0) {
            writePrivate(
                chainDir.resolve("intermediate-" + i + "-key.pem"),
                Pem.privateKey(intermediate.key()));
          }
        }
        syncDirectory(chainDir);
      }
      // Reading back what was written checks it, and records the check for the next start.
      load(staging, clock);
      syncDirectory(staging);
      moveAtomically(staging, dir);
      staging = null;
      syncDirectory(parent);
      return ca;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the CA in " + dir + ": " + e, e);
    } finally {
      if (staging != null) {
        deleteQuietly(staging);
      }
    }
  }

  /**
   * Loads the CA in {@code dir}, checking that every key matches its certificate, every certificate
   * is signed by the next one up, and none has expired.
   *
   * <p>The key and signature checks are the slow part of a start (two signatures and four
   * verifications per chain). Once they pass, the SHA-256 of every file they covered goes to {@code
   * checked.sha256}; a later load of byte-for-byte the same files skips them, and any change to a
   * file brings them back. Permissions and expiry are checked every time.
   *
   * @throws IllegalStateException naming the file that is missing, unreadable or wrong
   */
  public static CertificateAuthority load(Path dir, Clock clock) {
    Reader reader = new Reader(dir);
    List<Chain> chains = new ArrayList<>();
    List<Runnable> checks = new ArrayList<>();
    PrivateKey issuerKey = null;
    Path issuerKeyFile = dir.resolve("issuer-key.pem");
    for (int c = 0; c == 0 || Files.isDirectory(dir.resolve("chain-" + c)); c++) {
      Path chainDir = dir.resolve("chain-" + c);
      Path rootFile = chainDir.resolve("root.pem");
      Path rootKeyFile = chainDir.resolve("root-key.pem");
      X509Certificate root = reader.certificate(rootFile);
      PrivateKey rootKey = reader.key(rootKeyFile, root);
      checks.add(() -> checkKeyMatches(rootKeyFile, rootKey, root, rootFile));
      List<Signer> intermediates = new ArrayList<>();
      for (int i = 0; i == 0 || Files.exists(chainDir.resolve("intermediate-" + i + ".pem")); i++) {
        Path certificateFile = chainDir.resolve("intermediate-" + i + ".pem");
        X509Certificate certificate = reader.certificate(certificateFile);
        Path keyFile = i == 0 ? issuerKeyFile : chainDir.resolve("intermediate-" + i + "-key.pem");
        PrivateKey key = i == 0 && issuerKey != null ? issuerKey : reader.key(keyFile, certificate);
        checks.add(() -> checkKeyMatches(keyFile, key, certificate, certificateFile));
        if (i == 0) {
          issuerKey = key;
        }
        intermediates.add(new Signer(certificate, key));
      }
      checks.add(() -> checkSignatures(chainDir, root, intermediates));
      chains.add(new Chain(new Signer(root, rootKey), intermediates));
    }
    String digest = reader.digest();
    if (!digest.equals(checkedDigest(dir))) {
      checks.forEach(Runnable::run);
      writeChecked(dir, digest);
    }
    checkNotExpired(dir, chains, clock.instant());
    X509Certificate issuer = chains.get(0).intermediates().get(0).certificate();
    return new CertificateAuthority(clock, new KeyPair(issuer.getPublicKey(), issuerKey), chains);
  }

  /**
   * Reads and parses the CA's files, keeping a SHA-256 of their names and contents: the digest
   * {@code checked.sha256} records once the checks have passed.
   */
  private static final class Reader {
    private final Path dir;
    private final MessageDigest digest;

    Reader(Path dir) {
      this.dir = dir;
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }

    X509Certificate certificate(Path file) {
      return readCertificate(file, text(file));
    }

    PrivateKey key(Path file, X509Certificate certificate) {
      checkOwnerOnly(file);
      String text = text(file);
      try {
        return Pem.parsePrivateKey(text, certificate.getPublicKey().getAlgorithm());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(file + " is " + e.getMessage(), e);
      }
    }

    private String text(Path file) {
      String text = readText(file);
      digest.update(dir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(text.getBytes(StandardCharsets.US_ASCII));
      digest.update((byte) 0);
      return text;
    }

    String digest() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }

  private static String checkedDigest(Path dir) {
    try {
      return Files.readString(dir.resolve(CHECKED), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      return "";
    }
  }

  /** Best effort: without the file the next start checks again. */
  private static void writeChecked(Path dir, String digest) {
    Path file = dir.resolve(CHECKED);
    Path temporary = dir.resolve(CHECKED + ".tmp");
    try {
      Files.deleteIfExists(temporary);
      writePrivate(temporary, digest + "\n");
      moveAtomically(temporary, file);
    } catch (IOException e) {
      deleteQuietly(temporary);
    }
  }

  private static X509Certificate readCertificate(Path file, String text) {
    List<X509Certificate> certificates;
    try {
      certificates = Pem.parseCertificates(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + " is not a PEM certificate: " + e.getMessage(), e);
    }
    if (certificates.size() != 1) {
      throw new IllegalStateException(
          file + " must hold exactly one PEM certificate, not " + certificates.size());
    }
    return certificates.get(0);
  }

  /** Writes a private key readable by its owner only; the file must not exist. */
  public static void writeKey(Path file, PrivateKey key) throws IOException {
    writePrivate(file, Pem.privateKey(key));
  }

  private static void checkKeyMatches(
      Path keyFile, PrivateKey key, X509Certificate certificate, Path certificateFile) {
    try {
      byte[] probe = "LocalAcme key check".getBytes(StandardCharsets.US_ASCII);
      String algorithm = Keys.signatureAlgorithm(key);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // the mismatch is reported below
    }
    throw new IllegalStateException(
        keyFile + " is not the private key of the certificate in " + certificateFile);
  }

  private static void checkSignatures(Path chainDir, X509Certificate root, List<Signer> chain) {
    List<X509Certificate> upward = new ArrayList<>();
    chain.forEach(s -> upward.add(s.certificate()));
    upward.add(root);
    for (int i = 0; i < upward.size(); i++) {
      X509Certificate certificate = upward.get(i);
      X509Certificate issuer = upward.get(Math.min(i + 1, upward.size() - 1));
      String name = i < chain.size() ? "intermediate-" + i + ".pem" : "root.pem";
      try {
        certificate.verify(issuer.getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(
            chainDir.resolve(name)
                + " is not signed by "
                + (i + 1 < upward.size() ? "the next certificate up in " + chainDir : "itself")
                + ": "
                + e.getMessage(),
            e);
      }
    }
  }

  private static void checkNotExpired(Path dir, List<Chain> chains, Instant now) {
    for (Chain chain : chains) {
      List<X509Certificate> all = new ArrayList<>(chain.certificates());
      all.add(chain.root().certificate());
      for (X509Certificate certificate : all) {
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
          throw new IllegalStateException(
              "the CA certificate "
                  + certificate.getSubjectX500Principal().getName()
                  + " in "
                  + dir
                  + " expired on "
                  + certificate.getNotAfter().toInstant()
                  + "; move the data directory aside to create a new root (and trust that one)");
        }
      }
    }
  }

  private static void checkOwnerOnly(Path file) {
    if (!POSIX || !Files.exists(file)) {
      return;
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      Set<PosixFilePermission> loose = EnumSet.noneOf(PosixFilePermission.class);
      permissions.stream().filter(p -> !p.name().startsWith("OWNER")).forEach(loose::add);
      if (!loose.isEmpty()) {
        throw new IllegalStateException(
            file
                + " is readable by others (permissions "
                + PosixFilePermissions.toString(permissions)
                + "); a CA private key must be readable by its owner only: chmod 600 "
                + file);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the permissions of " + file + ": " + e, e);
    }
  }

  private static String readText(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          file + " is missing; the CA in " + file.getParent() + " is incomplete");
    }
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e, e);
    }
  }

  private static void writePrivate(Path file, String content) throws IOException {
    if (POSIX) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }
    write(file, content);
  }

  private static void writePublic(Path file, String content) throws IOException {
    write(file, content);
  }

  private static void write(Path file, String content) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Makes a new directory entry durable; not every platform can, which is fine. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover staging directory is harmless
    }
  }
}
