package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.AcmeServerConfig;
import dev.localacme.server.ChallengeTestServer;
import dev.localacme.server.internal.ca.PermittedNames;
import dev.localacme.server.internal.datadir.DataDirectory;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the standalone server prints once it is ready: where everything is, how to trust it, and
 * warnings about its root.
 */
public final class StartupBanner {
  private StartupBanner() {}

  /**
   * The facts the banner reports.
   *
   * @param dataDirectory empty for {@code --ephemeral}
   * @param newRoot whether this start created the root
   * @param permitted the root's name constraints; empty if it has none
   */
  public record Facts(
      String version,
      long startMillis,
      URI directory,
      int managementPort,
      Optional<URI> crl,
      String validationHost,
      int http01Port,
      int tlsAlpn01Port,
      List<String> routes,
      Optional<Path> dataDirectory,
      boolean newRoot,
      Path rootPem,
      Path trustStore,
      Optional<PermittedNames> permitted) {}

  /**
   * Logs the warnings about the root, then prints the banner and the challenge test server's
   * listeners.
   */
  public static void print(AcmeServer server, Setup setup, TrustFiles trust) {
    Optional<PermittedNames> permitted = PermittedNames.of(server.rootCertificate());
    if (setup.data().isPresent() && permitted.isEmpty()) {
      unconstrainedWarning(trust.rootPem()).forEach(Logging.log()::warn);
    }
    if (setup.unconstrainedRootFlag() && permitted.isPresent() && !setup.newRoot()) {
      Logging.log()
          .warn(
              "--unconstrained-root has no effect: the root in {} was created name-constrained",
              trust.rootPem());
    }
    AcmeServerConfig c = server.config();
    List<String> lines =
        lines(
            new Facts(
                AcmeServer.version(),
                uptimeMillis(),
                server.directoryUri(),
                server.managementPort(),
                server.crlUri(),
                c.validationHost(),
                c.http01Port(),
                c.tlsAlpn01Port(),
                setup.routes(),
                setup.data().map(DataDirectory::dir),
                setup.newRoot() && setup.data().isPresent(),
                trust.rootPem(),
                trust.trustStore(),
                permitted));
    System.out.println(String.join(System.lineSeparator(), lines));
    server.challengeTestServer().ifPresent(StartupBanner::printChallengeTestServer);
    System.out.flush();
  }

  /**
   * Milliseconds since the JVM started. Not from {@code ProcessHandle}'s start instant: Linux gives
   * that relative to a boot time in whole seconds, so it can be off by most of a second.
   */
  private static long uptimeMillis() {
    return ManagementFactory.getRuntimeMXBean().getUptime();
  }

  /** The lines to print, without trailing newlines. */
  public static List<String> lines(Facts f) {
    List<String> out = new ArrayList<>();
    out.add("LocalAcme " + f.version() + " is ready (started in " + f.startMillis() + " ms).");
    out.add("  ACME directory:   " + f.directory());
    if (f.managementPort() > 0) {
      String management = "https://" + f.directory().getHost() + ":" + f.managementPort();
      out.add(
          "  Management API:   "
              + management
              + "  (root certificate at "
              + management
              + "/roots/0)");
    }
    f.crl().ifPresent(crl -> out.add("  CRL:              " + crl));
    out.add(
        "  Validation:       http-01 to "
            + f.validationHost()
            + " port "
            + f.http01Port()
            + ", tls-alpn-01 to port "
            + f.tlsAlpn01Port());
    f.routes().forEach(route -> out.add("  Route:            " + route));
    if (f.dataDirectory().isPresent()) {
      out.add(
          "  Data directory:   "
              + f.dataDirectory().get()
              + (f.newRoot() ? "  (created now, with a new root)" : ""));
    } else {
      out.add("  State:            in memory (--ephemeral); the root changes at every start");
    }
    String deleted = f.dataDirectory().isPresent() ? "" : "  (deleted when LocalAcme stops)";
    out.add("  Root certificate: " + f.rootPem() + deleted);
    out.add("  Trust store:      " + f.trustStore() + "  (PKCS#12, no password)" + deleted);
    if (f.permitted().isPresent()) {
      out.add("  Name constraints: the root may only certify " + f.permitted().get().describe());
      out.add("                    (more with --allow-domain when a data directory is created)");
    }
    String dir = f.directory().toString();
    out.add("  Trust the root:");
    out.add("    Java     java -Djavax.net.ssl.trustStore=" + f.trustStore() + " ...");
    out.add("    curl     curl --cacert " + f.rootPem() + " " + dir);
    out.add(
        "    certbot  REQUESTS_CA_BUNDLE="
            + f.rootPem()
            + " certbot certonly --server "
            + dir
            + " --standalone --http-01-port "
            + f.http01Port()
            + " -d app.test");
    out.add(
        "    lego     LEGO_CA_CERTIFICATES="
            + f.rootPem()
            + " lego --server "
            + dir
            + " --http --http.port :"
            + f.http01Port()
            + " -d app.test run");
    out.add("    Node     NODE_EXTRA_CA_CERTS=" + f.rootPem() + " node ...");
    return out;
  }

  /** The warning an unconstrained persistent root gets at every start. */
  public static List<String> unconstrainedWarning(Path rootPem) {
    return List.of(
        "WARNING: the root in "
            + rootPem
            + " is NOT name-constrained. Whoever gets its key (or this",
        "WARNING: data directory) can issue certificates that every client trusting it accepts for",
        "WARNING: ANY site, your bank's included. Trust it only where that is acceptable; a data",
        "WARNING: directory created without --unconstrained-root gets a root limited to development"
            + " names.");
  }

  /** The challenge test server's listeners, one per line, for people and scripts. */
  public static void printChallengeTestServer(ChallengeTestServer cts) {
    System.out.println("  Challenge test server (pebble-challtestsrv compatible):");
    printPort("DNS (UDP, TCP)", cts.dnsPort());
    printPort("http-01", cts.http01Port());
    printPort("https-01", cts.https01Port());
    printPort("tls-alpn-01", cts.tlsAlpn01Port());
    System.out.println(
        "    management:     " + (cts.managementPort() < 0 ? "off" : cts.managementUri()));
    System.out.flush();
  }

  private static void printPort(String what, int port) {
    System.out.printf("    %-15s %s%n", what + ":", port < 0 ? "off" : "port " + port);
  }
}
