/**
 * The standalone server's command line: its options in picocli mixins, one per concern, composed by
 * {@code StandaloneOptions}; Pebble's configuration file and environment variables; the {@code
 * challtestsrv} subcommand; what start-up prints; and the process around the server (logging,
 * shutdown). Internal: no compatibility promise.
 */
package dev.localacme.server.internal.standalone;
