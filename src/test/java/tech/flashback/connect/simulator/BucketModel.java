package tech.flashback.connect.simulator;

import java.util.List;

/**
 * A bucket with what its synthetic data hangs off: a 64-bit key (from seed and index), its repos
 * and hosts in sorted order, and the base of its totals.
 */
record BucketModel(
    SimBucket bucket, int index, long key, List<String> repoIds, List<String> hosts, long base) {

  String id() {
    return bucket.id();
  }
}
