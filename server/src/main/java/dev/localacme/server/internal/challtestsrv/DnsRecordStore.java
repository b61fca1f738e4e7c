package dev.localacme.server.internal.challtestsrv;

import dev.localacme.server.DnsRecords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The DNS records LocalAcme and its DNS server answer from, keyed by lower-case fully qualified
 * name. Adding appends, as pebble-challtestsrv does. One lock guards everything: writes are rare
 * and every read copies.
 */
public final class DnsRecordStore implements DnsRecords {
  /** One CAA record (RFC 8659 section 4.1). */
  public record Caa(int flags, String tag, String value) {
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9]{1,255}");

    /** Tags are letters and digits, compared case-insensitively; stored in lower case. */
    public Caa {
      if (flags < 0 || flags > 255) {
        throw new IllegalArgumentException("CAA flags must be 0 to 255, not " + flags);
      }
      if (tag == null || !TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException(
            "a CAA tag is letters and digits (RFC 8659 section 4.1), not \"" + tag + "\"");
      }
      tag = tag.toLowerCase(Locale.ROOT);
      Objects.requireNonNull(value, "value");
    }
  }

  private final Map<String, List<String>> txt = new HashMap<>();
  private final Map<String, List<String>> a = new HashMap<>();
  private final Map<String, List<String>> aaaa = new HashMap<>();
  private final Map<String, List<Caa>> caa = new HashMap<>();
  private final Map<String, String> cname = new HashMap<>();
  private final Set<String> servfail = new HashSet<>();
  private String defaultIpv4;
  private String defaultIpv6;

  public DnsRecordStore(String defaultIpv4, String defaultIpv6) {
    this.defaultIpv4 = Objects.requireNonNull(defaultIpv4);
    this.defaultIpv6 = Objects.requireNonNull(defaultIpv6);
  }

  /** The lookup key of a name: lower case, fully qualified (trailing dot optional on input). */
  public static String key(String name) {
    Objects.requireNonNull(name, "name");
    String trimmed = name.trim().toLowerCase(Locale.ROOT);
    if (trimmed.isEmpty() || trimmed.equals(".")) {
      throw new IllegalArgumentException("a DNS name must not be empty");
    }
    String key = trimmed.endsWith(".") ? trimmed : trimmed + ".";
    try {
      Name.fromString(key);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("\"" + name + "\" is not a DNS name: " + e.getMessage());
    }
    return key;
  }

  @Override
  public synchronized DnsRecordStore txt(String name, String value) {
    Objects.requireNonNull(value, "value");
    txt.computeIfAbsent(key(name), k -> new ArrayList<>()).add(value);
    return this;
  }

  @Override
  public synchronized DnsRecordStore clearTxt(String name) {
    txt.remove(key(name));
    return this;
  }

  @Override
  public synchronized DnsRecordStore a(String name, String... addresses) {
    a.computeIfAbsent(key(name), k -> new ArrayList<>()).addAll(nonEmpty(addresses));
    return this;
  }

  @Override
  public synchronized DnsRecordStore clearA(String name) {
    a.remove(key(name));
    return this;
  }

  @Override
  public synchronized DnsRecordStore aaaa(String name, String... addresses) {
    aaaa.computeIfAbsent(key(name), k -> new ArrayList<>()).addAll(nonEmpty(addresses));
    return this;
  }

  @Override
  public synchronized DnsRecordStore clearAaaa(String name) {
    aaaa.remove(key(name));
    return this;
  }

  @Override
  public synchronized DnsRecordStore cname(String name, String target) {
    cname.put(key(name), key(target));
    return this;
  }

  @Override
  public synchronized DnsRecordStore clearCname(String name) {
    cname.remove(key(name));
    return this;
  }

  @Override
  public DnsRecordStore caa(String name, String tag, String value) {
    return caa(name, 0, tag, value);
  }

  @Override
  public synchronized DnsRecordStore caa(String name, int flags, String tag, String value) {
    caa.computeIfAbsent(key(name), k -> new ArrayList<>()).add(new Caa(flags, tag, value));
    return this;
  }

  @Override
  public synchronized DnsRecordStore clearCaa(String name) {
    caa.remove(key(name));
    return this;
  }

  @Override
  public synchronized DnsRecordStore servfail(String name) {
    servfail.add(key(name));
    return this;
  }

  @Override
  public synchronized DnsRecordStore clearServfail(String name) {
    servfail.remove(key(name));
    return this;
  }

  @Override
  public synchronized DnsRecordStore defaultIpv4(String address) {
    this.defaultIpv4 = Objects.requireNonNull(address, "address").trim();
    return this;
  }

  @Override
  public synchronized DnsRecordStore defaultIpv6(String address) {
    this.defaultIpv6 = Objects.requireNonNull(address, "address").trim();
    return this;
  }

  /** Forgets every record and sets the default answers. */
  public synchronized void reset(String ipv4, String ipv6) {
    txt.clear();
    a.clear();
    aaaa.clear();
    caa.clear();
    cname.clear();
    servfail.clear();
    defaultIpv4 = ipv4;
    defaultIpv6 = ipv6;
  }

  public synchronized List<String> txtValues(String name) {
    return List.copyOf(txt.getOrDefault(key(name), List.of()));
  }

  /** The A values of a name, or the default answer when it has none. */
  public synchronized List<String> aValues(String name) {
    List<String> values = a.getOrDefault(key(name), List.of());
    return values.isEmpty() && !defaultIpv4.isEmpty() ? List.of(defaultIpv4) : List.copyOf(values);
  }

  /** The AAAA values of a name, or the default answer when it has none. */
  public synchronized List<String> aaaaValues(String name) {
    List<String> values = aaaa.getOrDefault(key(name), List.of());
    return values.isEmpty() && !defaultIpv6.isEmpty() ? List.of(defaultIpv6) : List.copyOf(values);
  }

  public synchronized List<Caa> caaRecords(String name) {
    return List.copyOf(caa.getOrDefault(key(name), List.of()));
  }

  public synchronized Optional<String> cnameTarget(String name) {
    return Optional.ofNullable(cname.get(key(name)));
  }

  public synchronized boolean isServfail(String name) {
    return servfail.contains(key(name));
  }

  private static List<String> nonEmpty(String... addresses) {
    List<String> values =
        Arrays.stream(addresses).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (values.isEmpty()) {
      throw new IllegalArgumentException("give at least one address");
    }
    return values;
  }
}
