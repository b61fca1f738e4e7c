package dev.localacme.server.internal.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StartupBannerTest {
  @Test
  void procUptimeReadsTheStartTickAfterACommandNameWithSpacesAndParentheses() {
    // Field 22 (start time) is 1234567 ticks; the command name is "a) (b c".
    String stat =
        "4242 (a) (b c) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 19 0 1234567 "
            + "4000000 3000 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n";
    assertThat(StartupBanner.procUptimeMillis(stat, "12356.02 24000.50\n")).isEqualTo(10_350);
    assertThat(StartupBanner.procUptimeMillis(stat, "12345.67 1.0\n")).isEqualTo(0);
    assertThat(StartupBanner.procUptimeMillis(stat, "12345.7 1.0\n")).isEqualTo(30);
  }

  @Test
  void uptimeAgreesWithTheRuntimeMxBeanWithinTheTicksResolution() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux's /proc");
    long before = ManagementFactory.getRuntimeMXBean().getUptime();
    long proc = StartupBanner.uptimeMillis();
    long after = ManagementFactory.getRuntimeMXBean().getUptime();
    // Both /proc numbers are in hundredths of a second, so the difference is off by up to 20 ms;
    // the JVM's own uptime starts a few ms after the process does.
    assertThat(proc).isBetween(before - 25, after + 60);
    assertThat((double) proc).isCloseTo((before + after) / 2.0, within(60.0));
  }
}
