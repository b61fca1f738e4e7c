package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.localacme.server.support.StandaloneJar;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port that is taken is a prompt, clear error, never a hang: the common case on a workstation.
 */
class PortInUseIT {
  @TempDir Path tmp;

  @Test
  void managementPortInUseFailsTheStartPromptly() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      AcmeServer server = AcmeServer.builder().managementPort(taken.getLocalPort()).build();

      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () ->
              assertThatThrownBy(server::start)
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessageContaining("cannot listen on 127.0.0.1"));
    }
  }

  @Test
  void jarSaysWhichPortIsTakenAndExits1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      StandaloneJar jar =
          StandaloneJar.run(
              "--data-dir",
              tmp.resolve("data").toString(),
              "--port",
              "0",
              "--management-port",
              Integer.toString(taken.getLocalPort()),
              "--crl-port",
              "-1");

      assertThat(jar.exitCode()).isEqualTo(1);
      assertThat(jar.stderr())
          .startsWith("localacme: cannot listen on 127.0.0.1")
          .contains(Integer.toString(taken.getLocalPort()));
    }
  }
}
