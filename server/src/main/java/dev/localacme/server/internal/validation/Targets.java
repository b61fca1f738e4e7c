package dev.localacme.server.internal.validation;

import dev.localacme.server.ValidationTarget;
import dev.localacme.server.internal.protocol.Identifiers;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each identifier is validated. By default every name goes to one host (loopback) on the
 * configured ports; routes send single names, or every name under a {@code *.} pattern, to their
 * own host and ports. Names also resolve through DNS: a name with A or AAAA records goes to those
 * addresses; a name without goes to the default host, unless DNS decides alone (a DNS server was
 * named, or the challenge test server runs), in which case it does not resolve. Routes win over
 * DNS; IP identifiers are their own address. Changes apply to validations that start afterwards.
 */
public final class Targets {
  private final Map<String, ValidationTarget> routes = new ConcurrentHashMap<>();
  private volatile String defaultHost;
  private volatile int http01Port;
  private volatile int tlsAlpn01Port;
  private volatile DnsAddresses dns;
  private volatile boolean dnsDecides;

  public Targets(
      String defaultHost, int http01Port, int tlsAlpn01Port, Map<String, ValidationTarget> routes) {
    this.defaultHost = defaultHost;
    this.http01Port = http01Port;
    this.tlsAlpn01Port = tlsAlpn01Port;
    routes.forEach(this::route);
  }

  public void http01Port(int port) {
    this.http01Port = port;
  }

  public int http01Port() {
    return http01Port;
  }

  public void tlsAlpn01Port(int port) {
    this.tlsAlpn01Port = port;
  }

  public int tlsAlpn01Port() {
    return tlsAlpn01Port;
  }

  /**
   * Resolves names through {@code dns}; with {@code decides}, a name without A or AAAA records does
   * not resolve, instead of going to the default host.
   */
  public void resolveThrough(DnsAddresses dns, boolean decides) {
    this.dns = dns;
    this.dnsDecides = decides;
  }

  public void defaultHost(String host) {
    this.defaultHost = host;
  }

  /** Routes {@code name} (or every name under {@code *.domain}) to {@code target}. */
  public void route(String name, ValidationTarget target) {
    routes.put(name.toLowerCase(Locale.ROOT), target);
  }

  /** Back to the given defaults, dropping every route set since. */
  public void reset(String host, int http01, int tlsAlpn01, Map<String, ValidationTarget> initial) {
    routes.clear();
    initial.forEach(this::route);
    this.defaultHost = host;
    this.http01Port = http01;
    this.tlsAlpn01Port = tlsAlpn01;
  }

  /** The host a name is validated at: its route's, or the default host. */
  public String host(String name) {
    return route(name).map(ValidationTarget::host).orElse(defaultHost);
  }

  public int http01Port(String name) {
    return route(name).map(ValidationTarget::http01Port).filter(p -> p > 0).orElse(http01Port);
  }

  public int tlsAlpn01Port(String name) {
    return route(name)
        .map(ValidationTarget::tlsAlpn01Port)
        .filter(p -> p > 0)
        .orElse(tlsAlpn01Port);
  }

  /**
   * The addresses to connect to for a name: its route's host if it has one, else the literal itself
   * for IP identifiers (RFC 8738 section 4), else its A and AAAA records, else the default host.
   */
  public InetAddress[] addresses(String name) throws UnknownHostException {
    Optional<ValidationTarget> route = route(name);
    if (route.isPresent()) {
      return InetAddress.getAllByName(route.get().host());
    }
    String literal =
        name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    if (Identifiers.looksLikeIp(literal)) {
      return new InetAddress[] {InetAddress.getByName(literal)};
    }
    DnsAddresses resolver = dns;
    if (resolver != null) {
      InetAddress[] found = resolver.lookup(name);
      if (found.length > 0) {
        return found;
      }
      if (dnsDecides) {
        throw new UnknownHostException(
            name + ": " + resolver.describe() + " has no A or AAAA record for it");
      }
    }
    return InetAddress.getAllByName(defaultHost);
  }

  private Optional<ValidationTarget> route(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    ValidationTarget exact = routes.get(key);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
      ValidationTarget wildcard = routes.get("*" + key.substring(dot));
      if (wildcard != null) {
        return Optional.of(wildcard);
      }
    }
    return Optional.empty();
  }
}
