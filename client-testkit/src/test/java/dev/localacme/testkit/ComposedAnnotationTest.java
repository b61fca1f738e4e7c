package dev.localacme.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localacme.server.AcmeServer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link LocalAcmeSettings} as a meta-annotation of a team's own test annotation. */
@ComposedAnnotationTest.AcmeTestWithoutValidation
class ComposedAnnotationTest {
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @ExtendWith(LocalAcme.class)
  @LocalAcmeSettings(validation = false, certificateValidity = "P1D")
  @interface AcmeTestWithoutValidation {}

  @Test
  void readsTheSettingsThroughTheComposedAnnotation(AcmeServer server) {
    assertThat(server.config().validationEnabled()).isFalse();
    assertThat(server.config().certificateValidity()).isEqualTo(Duration.ofDays(1));
  }
}
