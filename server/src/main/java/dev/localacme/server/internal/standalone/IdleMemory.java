package dev.localacme.server.internal.standalone;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * A server that runs for days is idle most of the time: after 30 s without a collection, G1 runs
 * one and gives the unused heap back to the operating system (JEP 346), so a burst of issuances
 * does not leave hundreds of megabytes resident. Other collectors ignore the setting.
 */
public final class IdleMemory {
  private IdleMemory() {}

  public static void returnWhenIdle() {
    try {
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
          .setVMOption("G1PeriodicGCInterval", "30000");
    } catch (RuntimeException | LinkageError e) {
      // a JVM without the option, or without jdk.management: it keeps its memory
    }
  }
}
