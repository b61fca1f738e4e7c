package dev.localacme.server.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localacme.server.internal.state.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RenewalsTest {
  private static final Instant ISSUED = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void ninetyDayCertificateIsRenewedAThirdBeforeExpiryGiveOrTakeOnePercent() {
    Instant expiry = ISSUED.plus(Duration.ofDays(90));

    Renewals.Window window = Renewals.suggested(ISSUED, expiry);

    Instant ideal = ISSUED.plus(Duration.ofDays(60));
    Duration onePercent = Duration.ofDays(90).dividedBy(100);
    assertThat(window.start()).isEqualTo(ideal.minus(onePercent));
    assertThat(window.end()).isEqualTo(ideal.plus(onePercent));
  }

  @Test
  void shortLivedCertificateIsRenewedHalfWay() {
    Renewals.Window window = Renewals.suggested(ISSUED, ISSUED.plus(Duration.ofDays(6)));

    Instant halfWay = ISSUED.plus(Duration.ofDays(3));
    assertThat(window.start()).isBefore(halfWay);
    assertThat(window.end()).isAfter(halfWay);
    assertThat(Duration.between(window.start(), window.end()))
        .isEqualTo(Duration.ofDays(6).dividedBy(50));
  }

  @Test
  void evenAOneSecondCertificateGetsAWindowThatEndsAfterItStarts() {
    Renewals.Window window = Renewals.suggested(ISSUED, ISSUED.plusSeconds(1));

    assertThat(window.end()).isAfter(window.start());
  }

  @Test
  void immediateWindowLiesInThePastOfTheInjectedClock() {
    Clock clock = Clock.fixed(ISSUED, ZoneOffset.UTC);

    Renewals.Window window = new Renewals(new InMemoryStore(), clock).immediately();

    assertThat(window.end()).isBefore(ISSUED);
    assertThat(window.start()).isBefore(window.end());
  }

  @Test
  void windowMustEndAfterItStartsInWholeSeconds() {
    assertThatThrownBy(() -> new Renewals.Window(ISSUED, ISSUED.plusMillis(500)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
