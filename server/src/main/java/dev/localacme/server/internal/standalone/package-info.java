/**
 * The standalone server's command line support: Pebble's configuration file and environment
 * variables, and what start-up prints. Internal: no compatibility promise.
 */
package dev.localacme.server.internal.standalone;
