/**
 * The testkit's implementation. No compatibility promise: everything in this package may change in
 * any release. The supported API is {@link dev.localacme.testkit.LocalAcme} and the other types in
 * {@code dev.localacme.testkit}.
 */
package dev.localacme.testkit.internal;
