package tech.flashback.connect.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The shape of the synthetic dataset: everything its values are a function of, besides time. */
public record DatasetConfig(
    long seed,
    int initialBuckets,
    int workspaces,
    int reposPerBucket,
    int hostsPerBucket,
    int nodesPerBucket,
    Instant historyStart,
    double lateFraction,
    Duration lateBy,
    boolean largeCounters) {

  /**
   * With {@code largeCounters}, the first bucket's upload and download totals start at this base
   * (2^53+1) and its size change at minus twice it, so all three are beyond 2^53 in magnitude.
   */
  public static final long LARGE_COUNTER_BASE = 9_007_199_254_740_993L;

  public DatasetConfig {
    requireAtLeast("initialBuckets", initialBuckets, 0);
    requireAtLeast("workspaces", workspaces, 1);
    requireAtLeast("reposPerBucket", reposPerBucket, 1);
    requireAtLeast("hostsPerBucket", hostsPerBucket, 1);
    requireAtLeast("nodesPerBucket", nodesPerBucket, 0);
    if (lateFraction < 0 || lateFraction > 1) {
      throw new IllegalArgumentException("lateFraction must be in [0, 1]: " + lateFraction);
    }
    if (lateBy.isNegative()) {
      throw new IllegalArgumentException("lateBy must not be negative: " + lateBy);
    }
    // Minute rows start on whole minutes.
    historyStart = historyStart.truncatedTo(ChronoUnit.MINUTES);
  }

  private static void requireAtLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
    }
  }
}
