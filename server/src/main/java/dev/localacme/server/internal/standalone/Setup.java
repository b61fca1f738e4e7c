package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.internal.datadir.DataDirectory;
import java.util.List;
import java.util.Optional;

/**
 * A server builder made from the options, their variables and a Pebble config file, with what the
 * start-up log and banner need besides the running server.
 *
 * @param data the data directory; empty for {@code --ephemeral}
 * @param newRoot whether this start creates the root: always for {@code --ephemeral}, else when the
 *     data directory holds no CA yet
 * @param notes what to warn about before starting
 * @param routes the {@code --route}s, one line each
 * @param unconstrainedRootFlag whether {@code --unconstrained-root} is on the command line
 */
public record Setup(
    AcmeServer.Builder builder,
    Optional<DataDirectory> data,
    boolean newRoot,
    List<String> notes,
    List<String> routes,
    boolean unconstrainedRootFlag) {}
