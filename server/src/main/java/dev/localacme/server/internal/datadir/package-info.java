/**
 * The standalone server's data directory: the CA's files, the trust files users point their clients
 * at, and the durable state. Internal: no compatibility promise.
 */
package dev.localacme.server.internal.datadir;
