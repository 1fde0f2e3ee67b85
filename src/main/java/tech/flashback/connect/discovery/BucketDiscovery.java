package tech.flashback.connect.discovery;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import tech.flashback.connect.client.FlashbackApiClient;
import tech.flashback.connect.client.model.Bucket;
import tech.flashback.connect.config.BucketSelection;

/**
 * Which buckets the connector serves: the configured id list as it is, or the buckets the API lists
 * (one workspace or all) that the include/exclude patterns select.
 */
public final class BucketDiscovery {

  private final FlashbackApiClient client;
  private final BucketSelection selection;

  public BucketDiscovery(FlashbackApiClient client, BucketSelection selection) {
    this.client = client;
    this.selection = selection;
  }

  /** Whether discovery needs the API at all (no explicit id list). */
  public boolean needsListing() {
    return !selection.hasExplicitBucketIds();
  }

  /** The selected bucket ids, sorted; lists the buckets unless ids are configured. */
  public SortedSet<String> discover() {
    if (!needsListing()) {
      return Collections.unmodifiableSortedSet(new TreeSet<>(selection.explicitBucketIds()));
    }
    Predicate<Bucket> selected = selects(selection);
    TreeSet<String> ids = new TreeSet<>();
    for (Bucket bucket : client.listBuckets(selection.workspaceId()).rows()) {
      if (selected.test(bucket)) {
        ids.add(bucket.id());
      }
    }
    return Collections.unmodifiableSortedSet(ids);
  }

  /** The selection as a test on listed buckets; the catalog stream applies the same one. */
  public static Predicate<Bucket> selects(BucketSelection selection) {
    return selection.hasExplicitBucketIds()
        ? bucket -> selection.explicitBucketIds().contains(bucket.id())
        : bucket -> selection.matches(bucket.id(), bucket.name());
  }
}
