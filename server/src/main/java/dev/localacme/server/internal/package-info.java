/**
 * LocalAcme's implementation. No compatibility promise: everything below this package may change in
 * any release. The supported API is {@link dev.localacme.server.AcmeServer} and the other types in
 * {@code dev.localacme.server}.
 */
package dev.localacme.server.internal;
