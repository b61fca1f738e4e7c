package dev.localacme.server.internal.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The standalone server's log: one short line per event on standard output, libraries quiet. */
public final class Logging {
  private Logging() {}

  /** Sets slf4j-simple's defaults; a {@code -D} on the command line still wins. */
  public static void configure() {
    // Undertow and XNIO log through jboss-logging, which would pick java.util.logging.
    setIfAbsent("org.jboss.logging.provider", "slf4j");
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    setIfAbsent("org.slf4j.simpleLogger.log.io.undertow", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.org.xnio", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.org.jboss", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.org.apache.hc", "warn");
  }

  /** Looked up late: slf4j-simple reads its settings when the first logger is made. */
  public static Logger log() {
    return LoggerFactory.getLogger("localacme");
  }

  private static void setIfAbsent(String key, String value) {
    System.getProperties().putIfAbsent(key, value);
  }
}
