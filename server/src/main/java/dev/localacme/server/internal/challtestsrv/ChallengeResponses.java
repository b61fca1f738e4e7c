package dev.localacme.server.internal.challtestsrv;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the responders answer: http-01 contents by token, redirects by exact path, and tls-alpn-01
 * key authorizations by SNI host name.
 */
public final class ChallengeResponses {
  private final Map<String, String> http01 = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final Map<String, String> tlsAlpn01 = new ConcurrentHashMap<>();

  public void addHttp01(String token, String content) {
    http01.put(Objects.requireNonNull(token), Objects.requireNonNull(content));
  }

  public void removeHttp01(String token) {
    http01.remove(token);
  }

  public Optional<String> http01(String token) {
    return Optional.ofNullable(http01.get(token));
  }

  public void addRedirect(String path, String targetUrl) {
    redirects.put(Objects.requireNonNull(path), Objects.requireNonNull(targetUrl));
  }

  public void removeRedirect(String path) {
    redirects.remove(path);
  }

  public Optional<String> redirect(String path) {
    return Optional.ofNullable(redirects.get(path));
  }

  public void addTlsAlpn01(String host, String keyAuthorization) {
    tlsAlpn01.put(Objects.requireNonNull(host), Objects.requireNonNull(keyAuthorization));
  }

  public void removeTlsAlpn01(String host) {
    tlsAlpn01.remove(host);
  }

  public Optional<String> tlsAlpn01(String host) {
    return Optional.ofNullable(tlsAlpn01.get(host));
  }

  public void clear() {
    http01.clear();
    redirects.clear();
    tlsAlpn01.clear();
  }
}
