package dev.localacme.testkit.internal;

import dev.localacme.server.AcmeServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Collections;
import java.util.function.Consumer;

/**
 * One test class's server with what the testkit made for it (the PEM file, JVM-wide trust, the
 * {@code acme://localacme} registration). JUnit's extension store owns it and closes it when the
 * class is done, which undoes all of these.
 */
public final class ServerResource implements AutoCloseable {
  private final AcmeServer server;
  private final Settings settings;
  private final String owner;
  private final int port;
  private final Consumer<ServerResource> onClose;
  private JvmTrust jvmTrust;
  private Path pemDirectory;
  private volatile boolean closed;

  private ServerResource(
      AcmeServer server, Settings settings, String owner, Consumer<ServerResource> onClose) {
    this.server = server;
    this.settings = settings;
    this.owner = owner;
    this.port = server.port();
    this.onClose = onClose;
  }

  /**
   * Starts a server for {@code owner} (a test class name, for messages).
   *
   * @param onClose told when JUnit closes it
   */
  public static ServerResource start(
      Settings settings, String owner, Consumer<ServerResource> onClose) {
    ServerResource resource =
        new ServerResource(settings.serverBuilder().start(), settings, owner, onClose);
    RunningServers.register(resource.server);
    if (settings.jvmTrust()) {
      resource.jvmTrust = JvmTrust.install(resource.server.trustStore());
    }
    return resource;
  }

  public AcmeServer server() {
    return server;
  }

  public Settings settings() {
    return settings;
  }

  /** The test class this server belongs to. */
  public String owner() {
    return owner;
  }

  public boolean isClosed() {
    return closed;
  }

  /** {@code acme://localacme/localhost:<port>}, which the testkit's acme4j provider resolves. */
  public URI acme4jUri() {
    return URI.create("acme://localacme/localhost:" + port);
  }

  /** A PEM file with LocalAcme's roots, written on first use and deleted with the server. */
  public synchronized Path rootCertificatePem() {
    try {
      if (pemDirectory == null) {
        pemDirectory = Files.createTempDirectory("localacme-");
      }
      Path file = pemDirectory.resolve("localacme-root.pem");
      if (!Files.exists(file)) {
        Files.writeString(file, pem(server.trustStore()), StandardCharsets.US_ASCII);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write LocalAcme's root certificate as PEM", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (jvmTrust != null) {
        jvmTrust.close();
      }
      RunningServers.unregister(server, port);
      server.close();
      deletePemDirectory();
    } finally {
      onClose.accept(this);
    }
  }

  @Override
  public String toString() {
    return "LocalAcme on port " + port + " for " + owner;
  }

  private void deletePemDirectory() {
    if (pemDirectory == null) {
      return;
    }
    try (var files = Files.list(pemDirectory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(pemDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + pemDirectory, e);
    }
  }

  private static String pem(KeyStore roots) {
    Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
    StringBuilder out = new StringBuilder();
    try {
      for (String alias : Collections.list(roots.aliases())) {
        out.append("-----BEGIN CERTIFICATE-----\n")
            .append(base64.encodeToString(roots.getCertificate(alias).getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
