package dev.localacme.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.launcher.Launcher;

/** Each of the build's test runs is on the JUnit it claims: JUnit 5 and JUnit 6 both run. */
class JUnitVersionTest {
  @Test
  void runsOnTheJUnitThisTestRunIsFor() {
    String expected = System.getProperty("localacme.expected.junit");

    assertThat(expected).as("the build names the JUnit of this run").isNotBlank();
    assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo(expected);
    assertThat(JupiterTestEngine.class.getPackage().getImplementationVersion()).isEqualTo(expected);
    assertThat(Launcher.class.getPackage().getImplementationVersion())
        .startsWith(expected.startsWith("5.") ? "1." + expected.substring(2) : expected);
  }
}
