package dev.localacme.server;

/**
 * DNS records that LocalAcme answers from: dns-01 looks its TXT records up here (RFC 8555 section
 * 8.4), CAA is checked here (RFC 8659), and, with the challenge test server on, its DNS server
 * serves them and names resolve through them. A test stands in for a DNS provider with it:
 *
 * <pre>{@code
 * acme.dns().txt("_acme-challenge.app.test", challenge.getDigest());
 * }</pre>
 *
 * <p>Names are case-insensitive and a trailing dot is optional. Adding appends to what is there, as
 * pebble-challtestsrv does; the {@code clear} methods remove every record of that type for the
 * name. Changes apply to lookups that start afterwards. Thread-safe.
 */
public interface DnsRecords {
  /** Adds a TXT record; values over 255 bytes become several strings of one record. */
  DnsRecords txt(String name, String value);

  /** Removes every TXT record of {@code name}. */
  DnsRecords clearTxt(String name);

  /** Adds A records: IPv4 literals, or host names resolved by the system when asked. */
  DnsRecords a(String name, String... addresses);

  /** Removes every A record of {@code name}. */
  DnsRecords clearA(String name);

  /** Adds AAAA records: IPv6 literals, or host names resolved by the system when asked. */
  DnsRecords aaaa(String name, String... addresses);

  /** Removes every AAAA record of {@code name}. */
  DnsRecords clearAaaa(String name);

  /** Makes {@code name} an alias of {@code target}, replacing an earlier alias. */
  DnsRecords cname(String name, String target);

  /** Removes the alias of {@code name}. */
  DnsRecords clearCname(String name);

  /** Adds a CAA record with flags 0, for example {@code caa("app.test", "issue", "localacme")}. */
  DnsRecords caa(String name, String tag, String value);

  /** Adds a CAA record; flags 128 marks it critical (RFC 8659 section 4.1). */
  DnsRecords caa(String name, int flags, String tag, String value);

  /** Removes every CAA record of {@code name}. */
  DnsRecords clearCaa(String name);

  /** Answers every query for {@code name} with SERVFAIL, whatever records it has. */
  DnsRecords servfail(String name);

  /** Stops answering {@code name} with SERVFAIL. */
  DnsRecords clearServfail(String name);

  /** The A answer for names without A records; the empty string answers none. */
  DnsRecords defaultIpv4(String address);

  /** The AAAA answer for names without AAAA records; the empty string answers none. */
  DnsRecords defaultIpv6(String address);
}
