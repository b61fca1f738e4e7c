package dev.localacme.testkit.internal;

import dev.localacme.server.AcmeServer;
import dev.localacme.server.KeyAlgorithm;
import dev.localacme.testkit.LocalAcmeSettings;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What a test class's server is started with, from {@link LocalAcmeSettings} or the extension's
 * builder; {@code customizers} see the server's builder last, so they win.
 */
public record Settings(
    int http01Port,
    KeyAlgorithm keyAlgorithm,
    Duration certificateValidity,
    boolean validation,
    boolean resetPerMethod,
    boolean jvmTrust,
    List<Consumer<AcmeServer.Builder>> customizers) {

  public static final Settings DEFAULTS =
      new Settings(0, KeyAlgorithm.EC_P256, Duration.ofDays(90), true, false, false, List.of());

  public Settings {
    Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    Objects.requireNonNull(certificateValidity, "certificateValidity");
    customizers = List.copyOf(customizers);
  }

  /** The settings an annotation describes; a malformed duration fails the test class clearly. */
  public static Settings of(LocalAcmeSettings annotation, Class<?> where) {
    Duration validity;
    try {
      validity = Duration.parse(annotation.certificateValidity());
    } catch (DateTimeParseException e) {
      throw new ExtensionConfigurationException(
          "@LocalAcmeSettings(certificateValidity = \""
              + annotation.certificateValidity()
              + "\") on "
              + where.getName()
              + " is not an ISO-8601 duration such as \"P90D\" or \"PT1M\"",
          e);
    }
    return new Settings(
        annotation.http01Port(),
        annotation.keyAlgorithm(),
        validity,
        annotation.validation(),
        annotation.resetPerMethod(),
        annotation.jvmTrust(),
        List.of());
  }

  /** A server builder with these settings: loopback, a random port, as every test should use. */
  public AcmeServer.Builder serverBuilder() {
    AcmeServer.Builder builder =
        AcmeServer.builder()
            .port(0)
            .keyAlgorithm(keyAlgorithm)
            .certificateValidity(certificateValidity)
            .validation(validation);
    if (http01Port != 0) {
      builder.http01Port(http01Port);
    }
    customizers.forEach(customizer -> customizer.accept(builder));
    return builder;
  }
}
