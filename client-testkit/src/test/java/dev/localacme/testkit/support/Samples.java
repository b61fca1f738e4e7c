package dev.localacme.testkit.support;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs {@link Sample} classes with the Jupiter engine, as a build tool would, and returns the
 * events.
 */
public final class Samples {
  static final String MARKER = "localacme.sample";

  private Samples() {}

  /** Runs the classes one after another. */
  public static EngineExecutionResults run(Class<?>... classes) {
    return run(Map.of("junit.jupiter.execution.parallel.enabled", "false"), classes);
  }

  /** Runs the classes with these configuration parameters (and the class path's defaults). */
  public static EngineExecutionResults run(Map<String, String> configuration, Class<?>... classes) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(MARKER, "true")
        .configurationParameters(configuration)
        .selectors(
            Arrays.stream(classes)
                .map(c -> selectClass(c))
                .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
        .execute();
  }
}
