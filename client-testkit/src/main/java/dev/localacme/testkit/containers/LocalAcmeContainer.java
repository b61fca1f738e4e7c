package dev.localacme.testkit.containers;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.localacme.server.AcmeServer;
import dev.localacme.server.ValidationTarget;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalAcme, the ACME (RFC 8555) certificate authority, in a container for Testcontainers: image
 * {@code localacme/localacme}, ACME API on port {@value #ACME_PORT} (directory at {@code /dir}) and
 * management API on port {@value #MANAGEMENT_PORT} (root certificate at {@code /roots/0}), both
 * HTTPS under a throwaway root that also vouches for every certificate the container issues.
 *
 * <pre>{@code
 * @Container
 * static LocalAcmeContainer acme = new LocalAcmeContainer().withHttp01Port(8080);
 *
 * // the ACME client: directory and trust
 * URI directory = acme.getDirectoryUri();     // https://localhost:<mapped port>/dir
 * SSLContext trust = acme.getSslContext();    // trusts LocalAcme's root, and nothing else
 * // http-01 validation calls the system under test on the Docker host, port 8080
 * }</pre>
 *
 * <p>Validation reaches the system under test in one of two places:
 *
 * <ul>
 *   <li>on the Docker host, by default: the container reaches it as {@value #HOST_GATEWAY} through
 *       Docker's {@code host-gateway}, with no helper container. On Linux the system under test
 *       must listen where containers can reach it: on the Docker bridge's gateway address (usually
 *       172.17.0.1) or on all interfaces; a server on 127.0.0.1 is out of their reach.
 *   <li>in another container on the same {@link org.testcontainers.containers.Network}: {@link
 *       #withValidationHost} or {@link #withRoute} names it by its network alias.
 * </ul>
 *
 * <p>The API's own certificate names {@code localhost}, the loopback addresses, {@link #getHost()}
 * and the network aliases given to {@link #withNetworkAliases}, so clients on the host and in the
 * network verify it. {@link #getNetworkDirectoryUri()} is the directory for the latter.
 *
 * <p>Each container starts with a new root, like the in-process server; {@link #withDataVolume}
 * keeps it across containers instead.
 */
public class LocalAcmeContainer extends GenericContainer<LocalAcmeContainer> {
  /** The ACME API's port inside the container. */
  public static final int ACME_PORT = 14000;

  /** The management API's port inside the container. */
  public static final int MANAGEMENT_PORT = 15000;

  /** The name under which the container reaches the Docker host. */
  public static final String HOST_GATEWAY = "host.docker.internal";

  /**
   * The JVM options the container runs with, as {@code JDK_JAVA_OPTIONS}: the C1 compiler alone. A
   * test's CA lives too briefly for the C2 compiler's work on start-up code to pay back: it costs
   * about 0.35 s of CPU by the time the container is healthy, which on a busy machine delays the
   * start. Replace them with {@code withEnv("JDK_JAVA_OPTIONS", ...)}.
   */
  public static final String JVM_OPTIONS = "-XX:TieredStopAtLevel=1";

  private static final DockerImageName DEFAULT_IMAGE_NAME =
      DockerImageName.parse("localacme/localacme");

  private final List<String> aliases = new ArrayList<>();
  private final Map<String, ValidationTarget> routes = new LinkedHashMap<>();
  private String dataVolume;
  private RootCertificate root;

  /** The image of this testkit's version, {@code localacme/localacme:<version>}. */
  public LocalAcmeContainer() {
    this(DEFAULT_IMAGE_NAME.withTag(defaultTag()));
  }

  public LocalAcmeContainer(String dockerImageName) {
    this(DockerImageName.parse(dockerImageName));
  }

  public LocalAcmeContainer(DockerImageName dockerImageName) {
    super(dockerImageName);
    dockerImageName.assertCompatibleWith(DEFAULT_IMAGE_NAME);
    addExposedPorts(ACME_PORT, MANAGEMENT_PORT);
    withExtraHost(HOST_GATEWAY, "host-gateway");
    withEnv("JDK_JAVA_OPTIONS", JVM_OPTIONS);
    waitingFor(Wait.forLogMessage(".*LocalAcme \\S+ is ready.*", 1));
  }

  /** The port http-01 validation connects to (5002 by default; RFC 8555 says 80). */
  public LocalAcmeContainer withHttp01Port(int port) {
    return withEnv("LOCALACME_HTTP01_PORT", Integer.toString(port));
  }

  /** The port tls-alpn-01 validation connects to (5001 by default). */
  public LocalAcmeContainer withTlsAlpn01Port(int port) {
    return withEnv("LOCALACME_TLS_ALPN01_PORT", Integer.toString(port));
  }

  /**
   * Where every name without a route is validated: {@value #HOST_GATEWAY} by default, or the
   * network alias of a container on the same network.
   */
  public LocalAcmeContainer withValidationHost(String host) {
    return withEnv("LOCALACME_VALIDATION_HOST", host);
  }

  /**
   * Validates {@code name} (or, for {@code *.example.test}, every name under it) at {@code target}:
   * a network alias or {@value #HOST_GATEWAY}, with its own ports.
   */
  public LocalAcmeContainer withRoute(String name, ValidationTarget target) {
    routes.put(name, target);
    return self();
  }

  /**
   * Keeps the CA and all state in the named Docker volume (created if missing), so containers
   * started on it later share the root. Such a root is name-constrained to development names
   * ({@code localhost}, {@code *.test}, {@code *.internal}, ...) plus the network aliases.
   */
  public LocalAcmeContainer withDataVolume(String volumeName) {
    this.dataVolume = volumeName;
    Mount data = new Mount().withType(MountType.VOLUME).withSource(volumeName).withTarget("/data");
    return withCreateContainerCmdModifier(
        create -> create.getHostConfig().withMounts(List.of(data)));
  }

  /** Also names these aliases in the API's certificate, for clients in the network. */
  @Override
  public LocalAcmeContainer withNetworkAliases(String... networkAliases) {
    aliases.addAll(List.of(networkAliases));
    return super.withNetworkAliases(networkAliases);
  }

  @Override
  protected void configure() {
    Set<String> tlsNames = new LinkedHashSet<>(List.of(getHost()));
    tlsNames.addAll(aliases);
    withEnv("LOCALACME_TLS_NAMES", String.join(",", tlsNames));
    if (!routes.isEmpty()) {
      withEnv("LOCALACME_ROUTES", routes());
    }
    if (dataVolume == null) {
      withEnv("LOCALACME_EPHEMERAL", "true");
    } else {
      // a name-constrained root must permit the names of the API's own certificate
      withEnv("LOCALACME_ALLOW_DOMAIN", String.join(",", tlsNames));
    }
  }

  @Override
  protected void containerIsStarted(InspectContainerResponse containerInfo) {
    root = RootCertificate.fetch(managementUri("/roots/0"), getDirectoryUri());
  }

  /** The directory URL for clients on the host: {@code https://<host>:<mapped port>/dir}. */
  public URI getDirectoryUri() {
    return URI.create("https://" + hostForUri() + ":" + getMappedPort(ACME_PORT) + "/dir");
  }

  /**
   * The directory URL for clients in the same network: {@code https://<first network
   * alias>:14000/dir}.
   */
  public URI getNetworkDirectoryUri() {
    if (aliases.isEmpty()) {
      throw new IllegalStateException(
          "the container has no network alias: give it one with withNetworkAliases(...)");
    }
    return URI.create("https://" + aliases.get(0) + ":" + ACME_PORT + "/dir");
  }

  /** The root certificate, as the management API serves it: PEM. */
  public String getRootCertificatePem() {
    return started().pem();
  }

  /** The root certificate every issued certificate and the API's own certificate chain to. */
  public X509Certificate getRootCertificate() {
    return started().certificate();
  }

  /** A {@code PKCS12} key store holding the root as a trusted certificate. */
  public KeyStore getTrustStore() {
    return started().trustStore();
  }

  /**
   * An {@link SSLContext} that trusts the root (and nothing else): for the ACME client, and for
   * clients of a system that serves a certificate from this container.
   */
  public SSLContext getSslContext() {
    return started().sslContext();
  }

  private RootCertificate started() {
    if (root == null) {
      throw new IllegalStateException("the container is not running; call start() first");
    }
    return root;
  }

  private URI managementUri(String path) {
    return URI.create("https://" + hostForUri() + ":" + getMappedPort(MANAGEMENT_PORT) + path);
  }

  private String hostForUri() {
    String host = getHost();
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private String routes() {
    return routes.entrySet().stream()
        .map(
            route -> {
              ValidationTarget target = route.getValue();
              String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
              return route.getKey()
                  + "="
                  + host
                  + ":"
                  + target.http01Port()
                  + ":"
                  + target.tlsAlpn01Port();
            })
        .collect(Collectors.joining(","));
  }

  private static String defaultTag() {
    String version = AcmeServer.version();
    return version.equals("dev") ? "latest" : version;
  }
}
