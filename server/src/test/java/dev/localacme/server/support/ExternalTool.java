package dev.localacme.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command-line program (certbot, lego, openssl) run to completion, with its output kept. */
public final class ExternalTool {
  private ExternalTool() {}

  /** What a run printed (stdout and stderr together) and how it exited. */
  public record Result(int exitCode, String output) {}

  /** Skips the test, saying how to install the tool, unless {@code command} is on the PATH. */
  public static void assumeInstalled(String command, String debianPackage) {
    boolean found =
        List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    assumeTrue(
        found, command + " is not installed; install it with: apt-get install -y " + debianPackage);
  }

  public static Result run(Map<String, String> env, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    return run(null, env, timeout, command);
  }

  /**
   * Runs {@code command} in {@code directory} (null: this JVM's) with {@code env} added to this
   * JVM's environment; fails the test if it does not finish within {@code timeout}.
   */
  public static Result run(
      Path directory, Map<String, String> env, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
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

  /** Writes {@code text} to {@code file} as a shell script only its owner may read and run. */
  public static Path script(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }
}
