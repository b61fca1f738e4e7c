package dev.localacme.server.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/** An ACME server in its own process, started and stopped by the benchmark. */
final class Peer implements AutoCloseable {
  private final String name;
  private final Process process;
  private final URI directory;
  private final SSLContext trust;
  private final Duration startup;
  private final List<Process> companions = new java.util.ArrayList<>();

  private Peer(String name, Process process, URI directory, SSLContext trust, Duration startup) {
    this.name = name;
    this.process = process;
    this.directory = directory;
    this.trust = trust;
    this.startup = startup;
  }

  /** A process that lives as long as this peer, such as Pebble's DNS server. */
  Peer with(Process companion) {
    companions.add(companion);
    return this;
  }

  /** Starts {@code command} and waits until {@code directory} answers 200. */
  static Peer start(
      String name,
      List<String> command,
      Map<String, String> env,
      Path log,
      URI directory,
      SSLContext trust)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    HttpClient http =
        HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofMillis(200)).build();
    HttpRequest request = HttpRequest.newBuilder(directory).timeout(Duration.ofSeconds(2)).build();
    long started = System.nanoTime();
    Process process = builder.start();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + "; its output:\n" + tail(log));
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() - started > Duration.ofSeconds(30).toNanos()) {
        process.destroyForcibly();
        throw new IllegalStateException(
            name + " did not answer within 30 s; its output:\n" + tail(log));
      }
      Thread.sleep(5);
    }
    return new Peer(name, process, directory, trust, Duration.ofNanos(System.nanoTime() - started));
  }

  /** The end of a log, for an error message: the benchmark deletes its files when it ends. */
  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(" + log + " cannot be read: " + e + ")";
    }
  }

  String name() {
    return name;
  }

  URI directory() {
    return directory;
  }

  SSLContext trust() {
    return trust;
  }

  Duration startup() {
    return startup;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    stop(process);
    for (Process companion : companions) {
      stop(companion);
    }
  }

  static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
