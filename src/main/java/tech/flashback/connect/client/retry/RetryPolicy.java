package tech.flashback.connect.client.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How often and how long to wait before repeating a transiently failed request.
 *
 * <p>Without a {@code Retry-After} the wait is "full jitter" exponential backoff: uniformly random
 * between zero and {@code min(maxBackoff, initialBackoff * 2^(failures-1))}, which spreads the
 * retries of many tasks instead of having them hit a recovering server together. A server's {@code
 * Retry-After} is honoured as asked, capped at {@code maxRetryAfter} so a bad header cannot park a
 * task for hours.
 */
public final class RetryPolicy {

  private static final int MAX_SHIFT = 30;

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final DoubleSupplier jitter;

  /**
   * @param maxAttempts how many times a request is tried in all (at least 1)
   * @param initialBackoff the backoff ceiling after the first failure
   * @param maxBackoff the largest backoff ceiling
   * @param maxRetryAfter the longest {@code Retry-After} that is honoured
   * @param jitter uniform random numbers in {@code [0, 1)}
   */
  public RetryPolicy(
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration maxRetryAfter,
      DoubleSupplier jitter) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must satisfy 0 <= initial <= max, was " + initialBackoff + " and " + maxBackoff);
    }
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("maxRetryAfter must not be negative");
    }
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.maxRetryAfter = maxRetryAfter;
    this.jitter = jitter;
  }

  /** How many times a request is tried in all. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Whether another attempt is allowed after {@code failedAttempts} failures. */
  public boolean canRetry(int failedAttempts) {
    return failedAttempts < maxAttempts;
  }

  /**
   * The wait before the next attempt.
   *
   * @param failedAttempts failures so far, at least 1
   * @param retryAfter what the server asked for, if anything
   */
  public Duration delay(int failedAttempts, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      Duration asked = retryAfter.get();
      return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
    }
    return Duration.ofMillis((long) (jitter.getAsDouble() * ceiling(failedAttempts).toMillis()));
  }

  /** The backoff ceiling after a number of failures. */
  Duration ceiling(int failedAttempts) {
    int shift = Math.min(Math.max(failedAttempts - 1, 0), MAX_SHIFT);
    long millis = initialBackoff.toMillis();
    long ceiling =
        millis > (maxBackoff.toMillis() >> shift) ? maxBackoff.toMillis() : millis << shift;
    return Duration.ofMillis(Math.min(ceiling, maxBackoff.toMillis()));
  }
}
