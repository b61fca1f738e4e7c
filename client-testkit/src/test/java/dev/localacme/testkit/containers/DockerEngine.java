package dev.localacme.testkit.containers;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * What the container tests need from the machine: a Docker engine and the LocalAcme image. Where
 * either is missing they are skipped with a message saying which and how to get it, unless {@code
 * LOCALACME_TEST_REQUIRE_DOCKER=true} (as in CI) makes that a failure.
 */
final class DockerEngine {
  /** The image under test: the failsafe configuration names the one of this build's version. */
  static final DockerImageName IMAGE =
      DockerImageName.parse(System.getProperty("localacme.image", "localacme/localacme:latest"));

  private DockerEngine() {}

  /** Skips (or in CI fails) the calling test class unless the engine and the image are there. */
  static void assumeImage() {
    require(
        DockerClientFactory.instance().isDockerAvailable(),
        "no Docker engine is reachable (start dockerd, or set DOCKER_HOST)");
    try {
      client().inspectImageCmd(IMAGE.asCanonicalNameString()).exec();
    } catch (NotFoundException e) {
      require(
          false,
          "the image "
              + IMAGE.asCanonicalNameString()
              + " is not built: ./mvnw -B -q -DskipTests package && sudo docker/build-image.sh");
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
    require(
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

  private static void require(boolean condition, String why) {
    String message = "container tests skipped: " + why;
    if (!condition && Boolean.parseBoolean(System.getenv("LOCALACME_TEST_REQUIRE_DOCKER"))) {
      fail(message.replace("skipped", "cannot run") + " (LOCALACME_TEST_REQUIRE_DOCKER=true)");
    }
    assumeTrue(condition, message);
  }
}
