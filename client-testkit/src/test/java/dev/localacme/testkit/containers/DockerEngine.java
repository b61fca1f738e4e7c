package dev.localacme.testkit.containers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * What the container tests need from the machine, as a JUnit condition: a Docker engine and the
 * LocalAcme image. Where either is missing the tests are skipped, the reason saying which and how
 * to get it, unless {@code LOCALACME_TEST_REQUIRE_DOCKER=true} (as in CI) makes that a failure.
 */
final class DockerEngine implements ExecutionCondition {
  /** The image under test: the failsafe configuration names the one of this build's version. */
  static final DockerImageName IMAGE =
      DockerImageName.parse(System.getProperty("localacme.image", "localacme/localacme:latest"));

  private static volatile String missing;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (missing == null) {
      missing = missing();
    }
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("a Docker engine and the image are there");
    }
    String message = "container tests skipped: " + missing;
    if (Boolean.parseBoolean(System.getenv("LOCALACME_TEST_REQUIRE_DOCKER"))) {
      throw new IllegalStateException(
          message.replace("skipped", "cannot run") + " (LOCALACME_TEST_REQUIRE_DOCKER=true)");
    }
    System.err.println(message);
    return ConditionEvaluationResult.disabled(message);
  }

  private static String missing() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return "no Docker engine is reachable (start dockerd, or set DOCKER_HOST)";
    }
    try {
      client().inspectImageCmd(IMAGE.asCanonicalNameString()).exec();
      return "";
    } catch (NotFoundException e) {
      return "the image "
          + IMAGE.asCanonicalNameString()
          + " is not built: ./mvnw -B -q -DskipTests package && sudo docker/build-image.sh";
    }
  }

  static DockerClient client() {
    return DockerClientFactory.instance().client();
  }

  /**
   * The Docker host's address on the default bridge network (docker0, usually 172.17.0.1): where
   * {@code host-gateway}, and so {@link LocalAcmeContainer#HOST_GATEWAY}, leads, and where a system
   * under test on this machine listens so that containers, and only they, reach it.
   */
  static InetAddress bridgeGateway() throws SocketException {
    Network bridge = client().inspectNetworkCmd().withNetworkId("bridge").exec();
    String name = bridge.getOptions().getOrDefault("com.docker.network.bridge.name", "docker0");
    NetworkInterface nic = NetworkInterface.getByName(name);
    assumeTrue(
        nic != null,
        "the Docker bridge "
            + name
            + " is no interface of this machine (Docker Desktop, or a remote engine), so a"
            + " system under test here is out of the containers' reach");
    return nic.inetAddresses()
        .filter(Inet4Address.class::isInstance)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(name + " has no IPv4 address"));
  }
}
