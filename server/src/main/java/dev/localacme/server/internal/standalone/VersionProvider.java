package dev.localacme.server.internal.standalone;

import dev.localacme.server.AcmeServer;
import picocli.CommandLine;

/** Prints the version from the jar manifest. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"LocalAcme " + AcmeServer.version()};
  }
}
