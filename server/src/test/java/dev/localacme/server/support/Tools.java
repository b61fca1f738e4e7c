package dev.localacme.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Outside programs (certbot, lego, openssl, pebble) that some tests drive. */
public final class Tools {
  private Tools() {}

  /** Whether {@code program} is on the PATH. */
  public static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** Skips the test, saying what is missing, unless {@code program} is on the PATH. */
  public static void assumeInstalled(String program, String debianPackage) {
    assumeTrue(
        onPath(program),
        program
            + " is not installed, so this test is skipped (on Debian: apt-get install "
            + debianPackage
            + "; CI installs it)");
  }

  /** How a program ended, with its output (stdout and stderr together). */
  public record Result(int exitCode, String output) {}

  /** Runs a program to completion, with extra environment variables. */
  public static Result run(Map<String, String> env, Duration timeout, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Path log = Files.createTempFile("tool-", ".log");
      builder.redirectOutput(log.toFile());
      Process process = builder.start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.toHandle().destroyForcibly();
        process.waitFor();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
