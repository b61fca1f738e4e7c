package dev.localacme.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command-line ACME client (certbot, lego) run to completion, with its output kept. */
public final class ExternalTool {
  private ExternalTool() {}

  /** What a run printed (stdout and stderr together) and how it exited. */
  public record Result(int exitCode, String output) {}

  /** Skips the test, saying how to install the tool, unless {@code command} is on the PATH. */
  public static void assumeInstalled(String command, String debianPackage) {
    boolean found =
        List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)).stream()
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    assumeTrue(
        found, command + " is not installed; install it with: apt-get install -y " + debianPackage);
  }

  public static Result run(Map<String, String> env, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    byte[][] output = new byte[1][];
    Thread reader =
        new Thread(
            () -> {
              try {
                output[0] = process.getInputStream().readAllBytes();
              } catch (IOException e) {
                output[0] = ("(output lost: " + e + ")").getBytes(StandardCharsets.UTF_8);
              }
            });
    reader.start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      reader.join(5000);
      throw new AssertionError(
          command + " did not finish in " + timeout.toSeconds() + " s:\n" + text(output[0]));
    }
    reader.join(5000);
    return new Result(process.exitValue(), text(output[0]));
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }
}
