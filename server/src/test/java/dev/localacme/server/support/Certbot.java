package dev.localacme.server.support;

import dev.localacme.server.internal.ca.Pem;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * certbot (the Debian package) against one ACME server, unattended, trusting {@code trust} (a PEM
 * file of roots) and keeping its configuration, work files and logs under {@code home}.
 */
public record Certbot(Path home, URI directory, Path trust) {
  /** Skips the test, saying how to install certbot, unless it is on the PATH. */
  public static void assumeInstalled() {
    ExternalTool.assumeInstalled("certbot", "certbot");
  }

  /**
   * Runs {@code certbot <args>} with the server, the folders and the flags of an unattended run.
   */
  public ExternalTool.Result run(String... args) throws Exception {
    List<String> line = new ArrayList<>(List.of("certbot"));
    line.addAll(List.of(args));
    line.addAll(
        List.of(
            "--server",
            directory.toString(),
            "--config-dir",
            home.resolve("config").toString(),
            "--work-dir",
            home.resolve("work").toString(),
            "--logs-dir",
            home.resolve("logs").toString(),
            "--agree-tos",
            "--non-interactive"));
    return ExternalTool.run(
        Map.of("REQUESTS_CA_BUNDLE", trust.toString()), Duration.ofMinutes(3), line);
  }

  /**
   * Runs {@code certbot <args>} answering http-01 with certbot's own server on {@code http01Port}
   * of 127.0.0.1, for an account without an email address.
   */
  public ExternalTool.Result runStandalone(int http01Port, String... args) throws Exception {
    List<String> line = new ArrayList<>(List.of(args));
    line.addAll(
        List.of(
            "--standalone",
            "--http-01-port",
            Integer.toString(http01Port),
            "--http-01-address",
            "127.0.0.1",
            "--register-unsafely-without-email",
            "--no-random-sleep-on-renew"));
    return run(line.toArray(String[]::new));
  }

  /** A file of the current lineage {@code name}, such as {@code cert.pem}. */
  public Path live(String name, String file) {
    return home.resolve("config/live").resolve(name).resolve(file);
  }

  /** The lineage's certificate chain, leaf first, as certbot saved it. */
  public List<X509Certificate> chain(String name) throws Exception {
    return Pem.parseCertificates(Files.readString(live(name, "fullchain.pem")));
  }
}
