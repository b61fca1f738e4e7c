package dev.localacme.server.internal.challtestsrv;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the challenge test server was asked, per host and kind, as pebble-challtestsrv keeps it:
 * HTTP requests by Host without port, DNS questions by name without the trailing dot, tls-alpn-01
 * handshakes by SNI. Each list keeps its newest {@value #LIMIT} events, so a long-running server
 * does not grow without bound.
 */
public final class RequestHistory {
  static final int LIMIT = 1000;

  /** The kinds, by the names {@code clear-request-history} takes. */
  public enum Kind {
    HTTP("http"),
    DNS("dns"),
    TLSALPN("tlsalpn");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public static Optional<Kind> of(String wireName) {
      for (Kind kind : values()) {
        if (kind.wireName.equals(wireName)) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }

  /** An HTTP request to the http-01 or HTTPS responder. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record HttpEvent(
      @JsonProperty("URL") String url,
      @JsonProperty("Host") String host,
      @JsonProperty("HTTPS") boolean https,
      @JsonProperty("ServerName") String serverName,
      @JsonProperty("UserAgent") String userAgent) {}

  /** A DNS question (Go's {@code dns.Question}: name, numeric type and class). */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record DnsEvent(@JsonProperty("Question") Question question) {}

  /** The question of a {@link DnsEvent}. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Question(
      @JsonProperty("Name") String name,
      @JsonProperty("Qtype") int qtype,
      @JsonProperty("Qclass") int qclass) {}

  /** A tls-alpn-01 handshake: its SNI and the ALPN protocols offered (null for none). */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record TlsAlpnEvent(
      @JsonProperty("ServerName") String serverName,
      @JsonProperty("SupportedProtos") List<String> supportedProtos) {}

  private final Map<String, Map<Kind, Deque<Object>>> byHost = new HashMap<>();

  public void http(HttpEvent event) {
    add(Kind.HTTP, hostWithoutPort(event.host()), event);
  }

  public void dns(Question question) {
    String name = question.name();
    add(
        Kind.DNS,
        name.endsWith(".") ? name.substring(0, name.length() - 1) : name,
        new DnsEvent(question));
  }

  public void tlsAlpn(TlsAlpnEvent event) {
    add(Kind.TLSALPN, event.serverName(), event);
  }

  public synchronized List<Object> events(String host, Kind kind) {
    Map<Kind, Deque<Object>> kinds = byHost.get(host);
    if (kinds == null || !kinds.containsKey(kind)) {
      return List.of();
    }
    return List.copyOf(kinds.get(kind));
  }

  public synchronized void clear(String host, Kind kind) {
    Map<Kind, Deque<Object>> kinds = byHost.get(host);
    if (kinds != null) {
      kinds.remove(kind);
    }
  }

  public synchronized void clearAll() {
    byHost.clear();
  }

  private synchronized void add(Kind kind, String host, Object event) {
    Deque<Object> events =
        byHost
            .computeIfAbsent(host, h -> new EnumMap<>(Kind.class))
            .computeIfAbsent(kind, k -> new ArrayDeque<>());
    if (events.size() == LIMIT) {
      events.removeFirst();
    }
    events.addLast(event);
  }

  /** Go's {@code net.SplitHostPort} host, or the whole value when it has no port. */
  static String hostWithoutPort(String host) {
    if (host == null) {
      return "";
    }
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close > 0 && host.startsWith(":", close + 1)) {
        return host.substring(1, close);
      }
      return host;
    }
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(':') == colon) {
      return host.substring(0, colon);
    }
    return host;
  }
}
