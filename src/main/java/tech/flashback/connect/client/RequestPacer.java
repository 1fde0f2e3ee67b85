package tech.flashback.connect.client;

import java.time.Duration;
import org.apache.kafka.common.utils.Time;

/**
 * Spaces request starts at least {@code 1 / maxRequestsPerSecond} apart, so one task never sends
 * the API more than its share however much work is due.
 */
final class RequestPacer {

  private final Time time;
  private final long intervalNanos;
  private long nextStartNanos;

  RequestPacer(Time time, double maxRequestsPerSecond) {
    this.time = time;
    this.intervalNanos = maxRequestsPerSecond > 0 ? (long) (1e9 / maxRequestsPerSecond) : 0;
  }

  /** Reserves the next start slot and returns how long to wait for it. */
  synchronized Duration reserve() {
    if (intervalNanos == 0) {
      return Duration.ZERO;
    }
    long now = time.nanoseconds();
    long start = Math.max(now, nextStartNanos);
    nextStartNanos = start + intervalNanos;
    return Duration.ofNanos(start - now);
  }
}
