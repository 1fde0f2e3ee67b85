package tech.flashback.connect.simulator;

import java.util.List;
import java.util.Optional;

/**
 * Decides which rows are sent broken, deterministically from the seed, the row's identity and the
 * endpoint's malformed rate in {@link FaultPlan}. Tests ask it which rows were broken, so the
 * expected output stays computable.
 */
public final class MalformedRowPlan {

  private static final List<Malformation> MINUTE_KINDS = List.of(Malformation.values());
  private static final List<Malformation> NODE_KINDS =
      List.of(
          Malformation.UNPARSABLE_NUMBER,
          Malformation.UNPARSABLE_TIMESTAMP,
          Malformation.BEYOND_INT64);
  private static final List<Malformation> TOTALS_KINDS =
      List.of(
          Malformation.UNPARSABLE_NUMBER,
          Malformation.MISSING_BUCKET_ID,
          Malformation.BEYOND_INT64);
  private static final List<Malformation> BUCKET_KINDS =
      List.of(Malformation.MISSING_BUCKET_ID, Malformation.UNPARSABLE_TIMESTAMP);

  private final long seed;
  private final FaultPlan faults;

  MalformedRowPlan(long seed, FaultPlan faults) {
    this.seed = seed;
    this.faults = faults;
  }

  public Optional<Malformation> minuteRow(SimMinuteRow row) {
    return choose(SimulatorEndpoint.MINUTE_STATS, RowKeys.of(row), MINUTE_KINDS);
  }

  public Optional<Malformation> nodeStat(SimNodeStat stat) {
    return choose(SimulatorEndpoint.NODE_DAILY, RowKeys.of(stat), NODE_KINDS);
  }

  /** Keyed by the snapshot (bucket and count), so a later poll of the bucket may be clean. */
  public Optional<Malformation> totals(SimTotals totals) {
    return choose(SimulatorEndpoint.BUCKET_TOTALS, RowKeys.of(totals), TOTALS_KINDS);
  }

  public Optional<Malformation> bucket(SimBucket bucket) {
    return choose(SimulatorEndpoint.LIST_BUCKETS, RowKeys.of(bucket), BUCKET_KINDS);
  }

  private Optional<Malformation> choose(
      SimulatorEndpoint endpoint, long rowKey, List<Malformation> kinds) {
    double rate = faults.malformedRate(endpoint);
    long h = SplitMix64.hash(seed, 0xBADL + endpoint.ordinal(), rowKey);
    if (rate <= 0 || SplitMix64.unit(h) >= rate) {
      return Optional.empty();
    }
    return Optional.of(kinds.get((int) SplitMix64.below(SplitMix64.mix(h), kinds.size())));
  }
}
