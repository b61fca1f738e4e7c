package dev.localacme.server.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for a pebble-challtestsrv-style management API. */
public final class Management {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;

  public Management(URI base) {
    this.base = base;
  }

  /** POSTs {@code json} to {@code path}. */
  public HttpResponse<String> post(String path, String json) throws Exception {
    return send("POST", path, json);
  }

  /** Sends {@code json} with any method (pebble-challtestsrv does not check it). */
  public HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(10))
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs and insists on 200. */
  public void ok(String path, String json) throws Exception {
    HttpResponse<String> response = post(path, json);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          path + " " + json + " -> " + response.statusCode() + " " + response.body());
    }
  }
}
