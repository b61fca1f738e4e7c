package dev.localacme.server.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * A client for a management API: LocalAcme's Pebble-compatible one over HTTPS, or the challenge
 * test server's (pebble-challtestsrv's) over plain HTTP.
 */
public final class Management {
  private static final HttpClient PLAIN = client(null);

  private final URI base;
  private final HttpClient http;

  /** A client of a plain HTTP API, such as the challenge test server's. */
  public Management(URI base) {
    this.base = base;
    this.http = PLAIN;
  }

  /** A client of an HTTPS API, trusting {@code trust} only. */
  public Management(URI base, SSLContext trust) {
    this.base = base;
    this.http = client(trust);
  }

  public HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GETs {@code path}, insisting on 200, and returns the body. */
  public String read(String path) throws Exception {
    return checked("GET", path, get(path));
  }

  /** POSTs {@code json} to {@code path}. */
  public HttpResponse<String> post(String path, String json) throws Exception {
    return send("POST", path, json);
  }

  /** Sends {@code json} with any method (pebble-challtestsrv does not check it). */
  public HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest request =
        request(path)
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json")
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs, insisting on 200, and returns the body. */
  public String ok(String path, String json) throws Exception {
    return checked("POST " + json + " to", path, post(path, json));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
  }

  private static String checked(String what, String path, HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError(
          what + " " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private static HttpClient client(SSLContext trust) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    return trust == null ? builder.build() : builder.sslContext(trust).build();
  }
}
