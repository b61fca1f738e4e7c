package dev.localacme.server;

import java.net.URI;

/**
 * The challenge test server running next to LocalAcme: a replacement for Let's Encrypt's
 * pebble-challtestsrv with a DNS server (UDP and TCP), http-01, HTTPS and tls-alpn-01 responders
 * and pebble-challtestsrv's management API. Start it with {@link
 * AcmeServer.Builder#challengeTestServer(ChallengeTestServerConfig)}; LocalAcme then looks names
 * and records up in its DNS.
 *
 * <p>Each port is -1 when that listener is off; with several addresses for one listener, the port
 * is the first one's.
 */
public interface ChallengeTestServer {
  /** The records its DNS server answers from; the same as {@link AcmeServer#dns()}. */
  DnsRecords dns();

  /** The DNS server's port (UDP and TCP). */
  int dnsPort();

  /** The plain-HTTP http-01 responder's port. */
  int http01Port();

  /** The HTTPS http-01 responder's port. */
  int https01Port();

  /** The tls-alpn-01 responder's port (RFC 8737). */
  int tlsAlpn01Port();

  /** The management API's port. */
  int managementPort();

  /** The management API's base URL, for example {@code http://127.0.0.1:8055}. */
  URI managementUri();

  /**
   * Serves {@code content} at {@code /.well-known/acme-challenge/<token>} on every host, over HTTP
   * and HTTPS (RFC 8555 section 8.3).
   */
  ChallengeTestServer http01(String token, String content);

  /** Stops serving {@code token}. */
  ChallengeTestServer removeHttp01(String token);

  /**
   * Answers a tls-alpn-01 handshake for {@code host} (a name, or the reverse-DNS name of an IP
   * address) with a validation certificate for {@code keyAuthorization} (RFC 8737 section 3).
   */
  ChallengeTestServer tlsAlpn01(String host, String keyAuthorization);

  /** Stops answering tls-alpn-01 for {@code host}. */
  ChallengeTestServer removeTlsAlpn01(String host);

  /** Redirects plain-HTTP requests for exactly {@code path} to {@code targetUrl} (302). */
  ChallengeTestServer redirect(String path, String targetUrl);

  /** Removes the redirect of {@code path}. */
  ChallengeTestServer removeRedirect(String path);
}
