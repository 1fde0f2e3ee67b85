package tech.flashback.connect.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cumulative totals per bucket, cached as running sums. Minutes old enough that even a late minute
 * is visible are "settled" and summed once; only the few unsettled minutes at the edge are
 * recomputed per call, so repeated polls as time advances stay cheap.
 */
final class RunningTotals {

  private final MinuteRowGenerator rows;
  private final long historyStartMinute;
  private final Map<String, Sums> byBucket = new ConcurrentHashMap<>();

  RunningTotals(DatasetConfig config, MinuteRowGenerator rows) {
    this.rows = rows;
    this.historyStartMinute =
        Math.floorDiv(config.historyStart().toEpochMilli(), MinuteRowGenerator.MINUTE_MILLIS);
  }

  SimTotals totals(BucketModel bucket, long nowMillis) {
    long visibleEnd = Math.floorDiv(nowMillis, MinuteRowGenerator.MINUTE_MILLIS);
    long settledEnd =
        Math.max(
            historyStartMinute,
            Math.floorDiv(nowMillis - rows.lateByMillis(), MinuteRowGenerator.MINUTE_MILLIS));
    Sums settled = byBucket.computeIfAbsent(bucket.id(), id -> new Sums(historyStartMinute));
    Sums result;
    synchronized (settled) {
      if (settledEnd < settled.endMinute) {
        settled.reset(historyStartMinute); // the clock went backwards
      }
      while (settled.endMinute < settledEnd) {
        addMinute(bucket, settled.endMinute++, settled);
      }
      result = settled.copy();
    }
    for (long m = Math.max(settledEnd, historyStartMinute); m < visibleEnd; m++) {
      if (rows.visibleAtMillis(bucket, m) <= nowMillis) {
        addMinute(bucket, m, result);
      }
    }
    return new SimTotals(
        bucket.id(),
        result.count,
        bucket.base() + result.upl,
        bucket.base() + result.dwl,
        // Twice the base keeps a net size change beyond -2^53 whatever the rows add up to.
        result.size - 2 * bucket.base());
  }

  void forget(String bucketId) {
    byBucket.remove(bucketId);
  }

  private static void addMinute(BucketModel bucket, long minute, Sums sums) {
    int repos = bucket.repoIds().size();
    int hosts = bucket.hosts().size();
    for (int r = 0; r < repos; r++) {
      for (int h = 0; h < hosts; h++) {
        long hash = MinuteRowGenerator.rowHash(bucket, minute, r, h);
        sums.count++;
        sums.upl += MinuteRowGenerator.uplBytes(hash);
        sums.dwl += MinuteRowGenerator.dwlBytes(hash);
        sums.size += MinuteRowGenerator.sizeChange(hash);
      }
    }
  }

  /** Mutable sums over [history start, endMinute). */
  private static final class Sums {
    long endMinute;
    long count;
    long upl;
    long dwl;
    long size;

    Sums(long endMinute) {
      this.endMinute = endMinute;
    }

    void reset(long startMinute) {
      endMinute = startMinute;
      count = 0;
      upl = 0;
      dwl = 0;
      size = 0;
    }

    Sums copy() {
      Sums copy = new Sums(endMinute);
      copy.count = count;
      copy.upl = upl;
      copy.dwl = dwl;
      copy.size = size;
      return copy;
    }
  }
}
