package dev.localacme.testkit.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.localacme.server.ValidationTarget;
import dev.localacme.testkit.containers.sut.SystemUnderTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.MountableFile;

/**
 * The image and {@link LocalAcmeContainer} against a real Docker engine: acme4j on the host gets
 * certificates with http-01 from LocalAcme in a container, which calls back to a system under test
 * on the host or in another container.
 */
@ExtendWith(DockerEngine.class)
class LocalAcmeContainerIT {
  private static final String SUT_CLASS = SystemUnderTest.class.getName();
  private static final String SUT_CLASS_FILE = SUT_CLASS.replace('.', '/') + ".class";

  private static SystemUnderTest hostSut;
  private static LocalAcmeContainer acme;
  private static Acme4jClient client;

  @BeforeAll
  static void start() throws Exception {
    // Where the container reaches the host, and nothing else does.
    hostSut = SystemUnderTest.serve(DockerEngine.bridgeGateway(), 0, null);
    acme = new LocalAcmeContainer(DockerEngine.IMAGE).withHttp01Port(hostSut.port());
    acme.start();
    client = new Acme4jClient(acme.getDirectoryUri(), acme.getSslContext());
    hostSut.thumbprint(client.thumbprint());
  }

  @AfterAll
  static void stop() throws Exception {
    if (acme != null) {
      acme.stop();
    }
    if (hostSut != null) {
      hostSut.close();
    }
  }

  @Test
  void directoryAnswersOnTheMappedPortUnderTheRootFromTheManagementApi() throws Exception {
    HttpResponse<String> directory =
        HttpClient.newBuilder()
            .sslContext(acme.getSslContext())
            .build()
            .send(
                HttpRequest.newBuilder(acme.getDirectoryUri()).header("User-Agent", "it").build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(acme.getDirectoryUri().toString())
        .isEqualTo(
            "https://"
                + acme.getHost()
                + ":"
                + acme.getMappedPort(LocalAcmeContainer.ACME_PORT)
                + "/dir");
    assertThat(directory.statusCode()).isEqualTo(200);
    assertThat(directory.body()).contains("\"newAccount\"", "\"newOrder\"");
    X509Certificate root = acme.getRootCertificate();
    assertThat(parse(acme.getRootCertificatePem())).isEqualTo(root);
    assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
    assertThat(acme.getTrustStore().getCertificate("localacme-root")).isEqualTo(root);
  }

  @Test
  void acme4jOnTheHostGetsCertificateWithTheContainerCallingBackToTheHost() throws Exception {
    List<String> names = List.of("app.test", "www.app.test");

    List<X509Certificate> chain = client.obtain(names);

    verifies(chain, acme.getRootCertificate());
    assertThat(dnsNames(chain.get(0))).containsExactlyInAnyOrderElementsOf(names);
    // The callbacks came through the Docker bridge from the container, not over loopback.
    String from = " from " + acme.getContainerInfo().getNetworkSettings().getIpAddress();
    assertThat(hostSut.requests())
        .anySatisfy(r -> assertThat(r).contains("Host: app.test:" + hostSut.port()).endsWith(from))
        .anySatisfy(
            r -> assertThat(r).contains("Host: www.app.test:" + hostSut.port()).endsWith(from));
  }

  @Test
  void systemUnderTestInASecondContainerIsValidatedByItsNetworkAlias() throws Exception {
    try (Network network = Network.newNetwork();
        LocalAcmeContainer networked =
            new LocalAcmeContainer(DockerEngine.IMAGE)
                .withNetwork(network)
                .withNetworkAliases("acme")
                .withRoute("*.sut.test", ValidationTarget.of("sut", 8080));
        GenericContainer<?> sut = sutContainer(network)) {
      networked.start();
      Acme4jClient networkClient =
          new Acme4jClient(networked.getDirectoryUri(), networked.getSslContext());
      sut.withCommand("-cp", "/sut", SUT_CLASS, "serve", "8080", networkClient.thumbprint());
      sut.start();

      List<X509Certificate> chain = networkClient.obtain(List.of("api.sut.test"));

      verifies(chain, networked.getRootCertificate());
      assertThat(dnsNames(chain.get(0))).containsExactly("api.sut.test");
      assertThat(sut.getLogs())
          .contains("GET /.well-known/acme-challenge/")
          .contains("Host: api.sut.test:8080");
      // A client in the network verifies the API by its alias, with the root alone.
      sut.copyFileToContainer(
          Transferable.of(networked.getRootCertificatePem()), "/tmp/localacme-root.pem");
      var fetch =
          sut.execInContainer(
              "java",
              "-cp",
              "/sut",
              SUT_CLASS,
              "get",
              networked.getNetworkDirectoryUri().toString(),
              "/tmp/localacme-root.pem");
      assertThat(networked.getNetworkDirectoryUri()).hasToString("https://acme:14000/dir");
      assertThat(fetch.getStdout()).as(fetch.getStderr()).isEqualTo("200\n");
    }
  }

  @Test
  void apiCertificateNamesLocalhostAndTheHostTheClientSees() throws Exception {
    HttpsURLConnection connection =
        (HttpsURLConnection) acme.getDirectoryUri().toURL().openConnection();
    connection.setSSLSocketFactory(acme.getSslContext().getSocketFactory());
    connection.setRequestProperty("User-Agent", "it");
    assertThat(connection.getResponseCode()).isEqualTo(200);
    X509Certificate api = (X509Certificate) connection.getServerCertificates()[0];
    connection.disconnect();

    assertThat(dnsNames(api)).contains("localhost", acme.getHost());
  }

  @Test
  void restartOnTheSameDataVolumeKeepsTheRoot() throws Exception {
    String volume = "localacme-it-" + UUID.randomUUID();
    try {
      X509Certificate first;
      try (LocalAcmeContainer before =
          new LocalAcmeContainer(DockerEngine.IMAGE).withDataVolume(volume)) {
        before.start();
        first = before.getRootCertificate();
      }
      try (LocalAcmeContainer after =
          new LocalAcmeContainer(DockerEngine.IMAGE).withDataVolume(volume)) {
        after.start();

        assertThat(after.getRootCertificate()).isEqualTo(first);
        Acme4jClient restarted = new Acme4jClient(after.getDirectoryUri(), after.getSslContext());
        assertThat(restarted.thumbprint()).isNotEmpty();
      }
    } finally {
      DockerEngine.client().removeVolumeCmd(volume).exec();
    }
  }

  @Test
  void imageRunsAsNonRootAndItsHealthCheckTurnsHealthy() throws Exception {
    InspectContainerResponse info = acme.getContainerInfo();
    var id = acme.execInContainer("id", "-u");

    assertThat(info.getConfig().getUser()).isEqualTo("10001:10001");
    assertThat(id.getStdout().trim()).isEqualTo("10001");
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    String health = "";
    while (System.nanoTime() < deadline && !health.equals("healthy")) {
      health =
          DockerEngine.client()
              .inspectContainerCmd(acme.getContainerId())
              .exec()
              .getState()
              .getHealth()
              .getStatus();
      Thread.sleep(100);
    }
    assertThat(health).isEqualTo("healthy");
  }

  @Test
  void badConfigurationStopsTheContainerWithAOneLineMessage() throws Exception {
    DockerRun run = DockerRun.toExit(DockerEngine.IMAGE, "--route", "app.test");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr())
        .isEqualTo(
            "localacme: Invalid value for option '--route'"
                + " (NAME=HOST[:HTTP01PORT[:TLSALPN01PORT]]): route 'app.test' is not"
                + " NAME=HOST[:HTTP01PORT[:TLSALPN01PORT]] (see --help)\n");
  }

  @Test
  void dockerStopReachesTheJvmWhichShutsDownAtOnce() throws Exception {
    try (LocalAcmeContainer stopped = new LocalAcmeContainer(DockerEngine.IMAGE)) {
      stopped.start();
      long start = System.nanoTime();

      DockerEngine.client().stopContainerCmd(stopped.getContainerId()).withTimeout(20).exec();

      Duration took = Duration.ofNanos(System.nanoTime() - start);
      long exitCode =
          DockerEngine.client()
              .inspectContainerCmd(stopped.getContainerId())
              .exec()
              .getState()
              .getExitCodeLong();
      // 143 = 128 + SIGTERM: the JVM itself got the signal (a shell in between would not pass it
      // on, and docker would kill it with SIGKILL, 137, after the timeout).
      assertThat(exitCode).isEqualTo(143);
      assertThat(took).isLessThan(Duration.ofSeconds(10));
    }
  }

  private static GenericContainer<?> sutContainer(Network network) {
    return new GenericContainer<>(DockerEngine.IMAGE)
        .withNetwork(network)
        .withNetworkAliases("sut")
        .withCreateContainerCmdModifier(create -> create.withEntrypoint("java"))
        .withCopyFileToContainer(
            MountableFile.forClasspathResource(SUT_CLASS_FILE), "/sut/" + SUT_CLASS_FILE)
        .waitingFor(Wait.forLogMessage(".*listening on port.*", 1));
  }

  private static X509Certificate parse(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static void verifies(List<X509Certificate> chain, X509Certificate root) throws Exception {
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
  }

  private static List<String> dnsNames(X509Certificate certificate) throws Exception {
    return certificate.getSubjectAlternativeNames().stream()
        .filter(san -> (Integer) san.get(0) == 2)
        .map(san -> (String) san.get(1))
        .collect(Collectors.toList());
  }
}
