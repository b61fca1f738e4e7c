package dev.localacme.server.support;

import dev.localacme.server.internal.ca.Pem;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * lego (the Debian package, a Go client) against one ACME server, for the account {@code email},
 * trusting {@code trust} (a PEM file of roots) and keeping its files under {@code home}.
 */
public record Lego(Path home, URI directory, Path trust, String email) {
  /** Skips the test, saying how to install lego, unless it is on the PATH. */
  public static void assumeInstalled() {
    ExternalTool.assumeInstalled("lego", "lego");
  }

  /** Runs {@code lego <server, account and path flags> <args>}. */
  public ExternalTool.Result run(String... args) throws Exception {
    return run(Map.of(), List.of(args));
  }

  /** Runs lego with {@code env} added, for its DNS providers' settings. */
  public ExternalTool.Result run(Map<String, String> env, List<String> args) throws Exception {
    List<String> line =
        new ArrayList<>(
            List.of(
                "lego",
                "--server",
                directory.toString(),
                "--accept-tos",
                "--email",
                email,
                "--path",
                home.toString()));
    line.addAll(args);
    Map<String, String> all = new HashMap<>(env);
    all.put("LEGO_CA_CERTIFICATES", trust.toString());
    return ExternalTool.run(all, Duration.ofMinutes(3), line);
  }

  /** The certificate chain lego saved for {@code domain}, leaf first. */
  public List<X509Certificate> chain(String domain) throws Exception {
    return Pem.parseCertificates(
        Files.readString(home.resolve("certificates").resolve(domain + ".crt")));
  }
}
