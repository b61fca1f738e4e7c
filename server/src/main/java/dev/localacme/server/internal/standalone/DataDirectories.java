package dev.localacme.server.internal.standalone;

import java.nio.file.Path;
import java.util.Map;

/** Where the standalone server keeps its data unless told otherwise. */
public final class DataDirectories {
  private DataDirectories() {}

  /**
   * {@code $XDG_DATA_HOME/localacme}, else {@code ~/.local/share/localacme} (the XDG base directory
   * default); on Windows {@code %LOCALAPPDATA%\LocalAcme}.
   */
  public static Path defaultLocation(Map<String, String> env, String os, String home) {
    if (os.toLowerCase(java.util.Locale.ROOT).startsWith("windows")
        && env.get("LOCALAPPDATA") != null) {
      return Path.of(env.get("LOCALAPPDATA"), "LocalAcme");
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "localacme");
    }
    return Path.of(home, ".local", "share", "localacme");
  }
}
