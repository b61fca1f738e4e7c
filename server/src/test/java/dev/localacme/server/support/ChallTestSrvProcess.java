package dev.localacme.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The standalone jar's {@code challtestsrv} subcommand (system property {@code localacme.jar},
 * packaged before failsafe runs) as its own process, with its output kept for assertions.
 */
public final class ChallTestSrvProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch ready = new CountDownLatch(1);

  private ChallTestSrvProcess(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                  if (line.contains("is ready")) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // the process is gone
              }
            },
            "jar-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** The jar's path, or a skipped test when it has not been built (as in an IDE). */
  public static Path path() {
    String jar = System.getProperty("localacme.jar");
    assumeTrue(
        jar != null && Files.isRegularFile(Path.of(jar)),
        "the standalone jar is not built; ./mvnw verify packages it before the end-to-end tests");
    return Path.of(jar);
  }

  /** Starts {@code java -jar localacme.jar challtestsrv <args>} and waits until it is ready. */
  public static ChallTestSrvProcess start(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(path().toString());
    command.add("challtestsrv");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("LOCALACME_"));
    ChallTestSrvProcess jar = new ChallTestSrvProcess(builder.start());
    if (!jar.ready.await(60, TimeUnit.SECONDS)) {
      jar.close();
      throw new IllegalStateException("the jar did not become ready:\n" + jar.output());
    }
    return jar;
  }

  public String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  @Override
  public void close() {
    process.toHandle().destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.toHandle().destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
