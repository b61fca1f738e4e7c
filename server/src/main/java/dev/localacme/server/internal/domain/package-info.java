/**
 * The ACME operations on the CA's state (RFC 8555 section 7), independent of HTTP: handlers parse a
 * request, call one of these, and render the result.
 */
package dev.localacme.server.internal.domain;
