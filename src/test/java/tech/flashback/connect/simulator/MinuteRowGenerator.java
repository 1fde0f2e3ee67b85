package tech.flashback.connect.simulator;

import java.time.Instant;

/**
 * Values of minute rows and when they become visible: pure functions of (bucket key, epoch minute,
 * repo, host). Values are split into primitive extractors so running totals can sum millions of
 * rows without allocating.
 */
final class MinuteRowGenerator {

  static final long MINUTE_MILLIS = 60_000L;
  private static final long SALT_LATE = 0x1A7EL;
  private static final double IDLE_FRACTION = 0.25;

  private final double lateFraction;
  private final long lateByMillis;

  MinuteRowGenerator(DatasetConfig config) {
    this.lateFraction = config.lateFraction();
    this.lateByMillis = config.lateBy().toMillis();
  }

  SimMinuteRow row(BucketModel bucket, long epochMinute, int repo, int host) {
    long h = rowHash(bucket, epochMinute, repo, host);
    return new SimMinuteRow(
        Instant.ofEpochMilli(epochMinute * MINUTE_MILLIS),
        bucket.id(),
        bucket.repoIds().get(repo),
        bucket.hosts().get(host),
        uplBytes(h),
        dwlBytes(h),
        sizeChange(h),
        latencyMs(h));
  }

  /** Whether this bucket's whole minute arrives {@code lateBy} after the minute ends. */
  boolean isLate(BucketModel bucket, long epochMinute) {
    return lateFraction > 0
        && SplitMix64.unit(SplitMix64.hash(bucket.key(), epochMinute, SALT_LATE)) < lateFraction;
  }

  long visibleAtMillis(BucketModel bucket, long epochMinute) {
    long end = (epochMinute + 1) * MINUTE_MILLIS;
    return isLate(bucket, epochMinute) ? end + lateByMillis : end;
  }

  long lateByMillis() {
    return lateByMillis;
  }

  static long rowHash(BucketModel bucket, long epochMinute, int repo, int host) {
    return SplitMix64.hash(bucket.key(), epochMinute, ((long) repo << 20) | host);
  }

  private static boolean idle(long h) {
    return SplitMix64.unit(SplitMix64.mix(h ^ 1)) < IDLE_FRACTION;
  }

  static long uplBytes(long h) {
    return idle(h) ? 0 : SplitMix64.below(SplitMix64.mix(h + 1), 4_194_304);
  }

  static long dwlBytes(long h) {
    return idle(h) ? 0 : SplitMix64.below(SplitMix64.mix(h + 2), 3_145_728);
  }

  /** Uploads minus deletions: negative when more was deleted than uploaded. */
  static long sizeChange(long h) {
    if (idle(h)) {
      return 0;
    }
    long upl = uplBytes(h);
    return upl - SplitMix64.below(SplitMix64.mix(h + 3), upl / 2 + 1_048_576);
  }

  static long latencyMs(long h) {
    return 5 + SplitMix64.below(SplitMix64.mix(h + 4), 250);
  }
}
