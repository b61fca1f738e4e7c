package dev.localacme.server.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real http-01 responder on a loopback port, standing in for a system under test: it serves
 * {@code /.well-known/acme-challenge/<token>} for the tokens it was given and records every request
 * with its Host header.
 */
public final class ChallengeResponder implements AutoCloseable {
  private final HttpServer server;
  private final java.util.concurrent.ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final List<String> hosts = new CopyOnWriteArrayList<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private volatile long delayMillis;

  private ChallengeResponder(HttpServer server) {
    this.server = server;
  }

  public static ChallengeResponder start() {
    return start(InetAddress.getLoopbackAddress());
  }

  /** A responder on a free port of {@code address}, for example IPv6 loopback. */
  public static ChallengeResponder start(InetAddress address) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 50);
      ChallengeResponder responder = new ChallengeResponder(server);
      server.createContext(
          "/.well-known/acme-challenge/",
          exchange -> {
            responder.hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            String token =
                exchange
                    .getRequestURI()
                    .getPath()
                    .substring("/.well-known/acme-challenge/".length());
            String redirect = responder.redirects.get(token);
            if (redirect != null) {
              exchange.getResponseHeaders().add("Location", redirect);
              exchange.sendResponseHeaders(302, -1);
              exchange.close();
              return;
            }
            if (responder.delayMillis > 0) {
              try {
                Thread.sleep(responder.delayMillis);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            String body = responder.tokens.get(token);
            byte[] bytes = (body == null ? "no such token" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          });
      server.setExecutor(responder.executor);
      server.start();
      return responder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void serve(String token, String content) {
    tokens.put(token, content);
  }

  /** Answers {@code token} with a 302 to {@code location}. */
  public void redirect(String token, String location) {
    redirects.put(token, location);
  }

  /** Waits this long before every answer. */
  public void delay(java.time.Duration delay) {
    this.delayMillis = delay.toMillis();
  }

  /** The Host headers of every request so far. */
  public List<String> hosts() {
    return List.copyOf(hosts);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
