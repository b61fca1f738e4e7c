/**
 * The challenge test server, a replacement for Let's Encrypt's pebble-challtestsrv: DNS records and
 * a DNS server over dnsjava messages, http-01, HTTPS and tls-alpn-01 responders, the request
 * history, and (in {@code management}) its management API.
 */
package dev.localacme.server.internal.challtestsrv;
