package dev.localacme.testkit.internal;

import dev.localacme.server.AcmeServer;

/** What a server saw for one name: its orders and validation attempts, for failure messages. */
public final class History {
  private History() {}

  /** A text to append to a failure message, starting with a separator. */
  public static String of(AcmeServer server, String name) {
    StringBuilder out = new StringBuilder();
    server.orders().stream()
        .filter(o -> o.identifiers().stream().anyMatch(i -> i.equalsIgnoreCase(name)))
        .forEach(
            o ->
                out.append("\n  order ")
                    .append(o.id())
                    .append(" for ")
                    .append(o.identifiers())
                    .append(": ")
                    .append(o.status())
                    .append(o.problem().map(p -> " (" + p + ")").orElse("")));
    server.validationAttempts().stream()
        .filter(a -> a.identifier().equalsIgnoreCase(name))
        .forEach(
            a ->
                out.append("\n  ")
                    .append(a.challengeType())
                    .append(a.valid() ? " passed: " : " failed: ")
                    .append(a.detail()));
    return out.length() == 0
        ? "; no order for " + name + " was placed"
        : "; what LocalAcme saw for " + name + ":" + out;
  }
}
