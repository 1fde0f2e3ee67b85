package tech.flashback.connect.simulator;

import java.time.Instant;

/** One row of {@code GET /stats/minute}: usage of one (minute, bucket, repo, host). */
public record SimMinuteRow(
    Instant minute,
    String bucketId,
    String repoId,
    String host,
    long uplBytes,
    long dwlBytes,
    long sizeChange,
    long latencyMs) {

  /** The {@code timestamp} field as documented: epoch milliseconds of the minute's start. */
  public long timestampMillis() {
    return minute.toEpochMilli();
  }
}
