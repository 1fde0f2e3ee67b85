package tech.flashback.connect.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The buckets that exist now. Removed buckets are remembered so their rows stay computable for
 * tests, but they are no longer active.
 */
final class BucketCatalog {

  private final BucketFactory factory;
  private final Map<String, BucketModel> active = new LinkedHashMap<>();
  private final Map<String, BucketModel> known = new LinkedHashMap<>();
  private int nextIndex;

  BucketCatalog(BucketFactory factory, int initialBuckets) {
    this.factory = factory;
    for (int i = 0; i < initialBuckets; i++) {
      register(factory.create(nextIndex++, null));
    }
  }

  synchronized BucketModel add(Instant now) {
    BucketModel model = factory.create(nextIndex++, now);
    register(model);
    return model;
  }

  synchronized boolean remove(String bucketId) {
    return active.remove(bucketId) != null;
  }

  /** Active buckets in creation order. */
  synchronized List<BucketModel> active() {
    return List.copyOf(active.values());
  }

  synchronized Optional<BucketModel> activeBucket(String bucketId) {
    return Optional.ofNullable(active.get(bucketId));
  }

  /** Active or removed. */
  synchronized Optional<BucketModel> knownBucket(String bucketId) {
    return Optional.ofNullable(known.get(bucketId));
  }

  synchronized List<BucketModel> known() {
    return List.copyOf(known.values());
  }

  private void register(BucketModel model) {
    active.put(model.id(), model);
    known.put(model.id(), model);
  }
}
