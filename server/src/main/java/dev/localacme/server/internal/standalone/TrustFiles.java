package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.internal.ca.Pem;
import dev.localacme.server.internal.datadir.DataDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The root as files clients can be pointed at: the data directory's, or for {@code --ephemeral} a
 * temporary copy that is deleted when the server stops.
 */
public final class TrustFiles implements AutoCloseable {
  private final Path rootPem;
  private final Path trustStore;
  private final Path temporaryDirectory;

  private TrustFiles(Path rootPem, Path trustStore, Path temporaryDirectory) {
    this.rootPem = rootPem;
    this.trustStore = trustStore;
    this.temporaryDirectory = temporaryDirectory;
  }

  public static TrustFiles of(DataDirectory data) {
    return new TrustFiles(data.rootPem(), data.trustStore(), null);
  }

  /** Writes a running server's roots to a new temporary directory. */
  public static TrustFiles temporary(AcmeServer server) {
    try {
      Path dir = Files.createTempDirectory("localacme-");
      Path pem =
          Files.writeString(dir.resolve("root.pem"), Pem.certificate(server.rootCertificate()));
      Path p12 = dir.resolve("root.p12");
      try (OutputStream out = Files.newOutputStream(p12)) {
        out.write(DataDirectory.passwordlessTrustStore(roots(server)));
      }
      return new TrustFiles(pem, p12, dir);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot write the root to a temporary directory: " + e, e);
    }
  }

  /** The default root first, then any alternates. */
  private static List<X509Certificate> roots(AcmeServer server) throws GeneralSecurityException {
    List<X509Certificate> roots = new ArrayList<>(List.of(server.rootCertificate()));
    KeyStore store = server.trustStore();
    for (String alias : Collections.list(store.aliases())) {
      X509Certificate root = (X509Certificate) store.getCertificate(alias);
      if (!roots.contains(root)) {
        roots.add(root);
      }
    }
    return roots;
  }

  public Path rootPem() {
    return rootPem;
  }

  public Path trustStore() {
    return trustStore;
  }

  /** Deletes the temporary copy, if this is one. */
  @Override
  public void close() {
    if (temporaryDirectory != null) {
      try {
        Files.deleteIfExists(rootPem);
        Files.deleteIfExists(trustStore);
        Files.deleteIfExists(temporaryDirectory);
      } catch (IOException e) {
        // a temporary file left behind is harmless
      }
    }
  }
}
