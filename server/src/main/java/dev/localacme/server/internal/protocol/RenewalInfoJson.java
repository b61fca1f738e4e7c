package dev.localacme.server.internal.protocol;

import java.time.Instant;

/** The renewalInfo object (RFC 9773 section 4.2). */
public record RenewalInfoJson(SuggestedWindow suggestedWindow, String explanationURL) {

  /** The window, as RFC 3339 timestamps. */
  public record SuggestedWindow(String start, String end) {}

  public static RenewalInfoJson of(Instant start, Instant end) {
    return new RenewalInfoJson(new SuggestedWindow(Times.format(start), Times.format(end)), null);
  }
}
