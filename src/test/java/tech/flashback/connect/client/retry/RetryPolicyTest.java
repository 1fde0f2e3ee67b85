package tech.flashback.connect.client.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static RetryPolicy policy(double jitter) {
    return new RetryPolicy(
        5, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(60), () -> jitter);
  }

  @Test
  void backoffCeilingDoublesUpToTheMaximum() {
    RetryPolicy policy = policy(0.5);
    assertThat(policy.ceiling(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.ceiling(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.ceiling(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.ceiling(6)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.ceiling(1_000)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void fullJitterSpansZeroToTheCeiling() {
    assertThat(policy(0.0).delay(3, Optional.empty())).isEqualTo(Duration.ZERO);
    assertThat(policy(0.5).delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(200));
    assertThat(policy(0.999).delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(399));
  }

  @Test
  void retryAfterIsHonouredAsAskedButCapped() {
    assertThat(policy(0.0).delay(1, Optional.of(Duration.ofSeconds(7))))
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(policy(0.0).delay(1, Optional.of(Duration.ofHours(3))))
        .isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void allowsRetriesUntilMaxAttempts() {
    RetryPolicy policy = policy(0.5);
    assertThat(policy.canRetry(4)).isTrue();
    assertThat(policy.canRetry(5)).isFalse();
  }

  @Test
  void refusesInconsistentSettings() {
    assertThatThrownBy(
            () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, () -> 0.0))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(
            () ->
                new RetryPolicy(
                    3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO, () -> 0.0))
        .hasMessageContaining("backoff");
  }
}
