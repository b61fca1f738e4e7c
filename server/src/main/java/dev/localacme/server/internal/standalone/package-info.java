/**
 * The standalone server's command line: its options in one class per concern, each declaring its
 * picocli {@code OptionSpec}s beside the code that reads them, composed by {@code
 * StandaloneOptions}; Pebble's configuration file and environment variables; the {@code
 * challtestsrv} subcommand; what start-up prints; and the process around the server (logging,
 * shutdown). Internal: no compatibility promise.
 */
package dev.localacme.server.internal.standalone;
