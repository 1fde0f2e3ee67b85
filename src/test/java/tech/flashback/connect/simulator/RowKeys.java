package tech.flashback.connect.simulator;

/** A 64-bit identity per row (not per value), for per-row encoding and malformation choices. */
final class RowKeys {

  private RowKeys() {}

  static long of(SimMinuteRow row) {
    return SplitMix64.hash(
        SplitMix64.hash(0, row.bucketId()),
        row.timestampMillis(),
        SplitMix64.hash(0, row.repoId() + "|" + row.host()));
  }

  static long of(SimNodeStat stat) {
    return SplitMix64.hash(
        SplitMix64.hash(0, stat.bucketId()), stat.day().toEpochDay(), stat.nodeIndex());
  }

  static long of(SimTotals totals) {
    return SplitMix64.hash(SplitMix64.hash(0, totals.bucketId()), totals.totalCount());
  }

  static long of(SimBucket bucket) {
    return SplitMix64.hash(0, bucket.id());
  }
}
