package tech.flashback.connect.client.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  @Test
  void readsSeconds() {
    assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
  }

  @Test
  void readsAnHttpDateRelativeToNow() {
    assertThat(RetryAfter.parse("Sat, 21 Nov 2026 10:00:30 GMT", NOW))
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void readsADateInThePastAsNoWait() {
    assertThat(RetryAfter.parse("Sat, 21 Nov 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void ignoresMissingOrUnreadableValues() {
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    assertThat(RetryAfter.parse("", NOW)).isEmpty();
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
    assertThat(RetryAfter.parse("99999999999999999999", NOW)).isEmpty();
  }
}
