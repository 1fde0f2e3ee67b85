package tech.flashback.connect.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.flashback.connect.client.ApiResult;
import tech.flashback.connect.client.model.Bucket;
import tech.flashback.connect.client.model.RowProblem;
import tech.flashback.connect.config.StreamKind;
import tech.flashback.connect.offset.CatalogState;
import tech.flashback.connect.offset.LazyOffset;
import tech.flashback.connect.offset.SourcePartition;
import tech.flashback.connect.record.BucketCatalogRecords;

/**
 * The bucket catalog, emitted by one task: a record when a bucket is new or changed, a tombstone
 * when it disappears, nothing for an unchanged bucket. What has been emitted is kept in the catalog
 * partition's offset ({@link CatalogState}), and each record's offset is the state right after it,
 * so a restart at any record neither repeats nor misses a change, and a bucket that disappeared
 * while the connector was down still gets its tombstone.
 */
public final class CatalogStream extends ScheduledStream {

  private static final Logger log = LoggerFactory.getLogger(CatalogStream.class);

  private final CatalogSettings settings;
  private CatalogState emitted;

  public CatalogStream(StreamContext context, CatalogSettings settings, CatalogState emitted) {
    super(context);
    this.settings = settings;
    this.emitted = emitted;
  }

  @Override
  public StreamKind kind() {
    return StreamKind.BUCKETS;
  }

  /** What has been emitted so far (as of the last record handed out). */
  public CatalogState emitted() {
    return emitted;
  }

  @Override
  public List<SourceRecord> poll(long nowMs) {
    dueAt(nowMs + settings.interval().toMillis());
    ApiResult<Bucket> listing = context.client().listBuckets(settings.workspaceId());
    Instant observedAt = Instant.ofEpochMilli(nowMs);
    List<SourceRecord> records = new ArrayList<>();
    CatalogState before = emitted;
    for (RowProblem problem : listing.problems()) {
      SourceRecord error =
          context
              .malformedRows()
              .handle(StreamKind.BUCKETS, problem, partition(), before.toMap(), observedAt);
      if (error != null) {
        records.add(error);
      }
    }
    List<Change> changes = changes(before, selected(listing.rows()));
    for (int i = 0; i < changes.size(); i++) {
      Change change = changes.get(i);
      Supplier<CatalogState> state = stateAfter(before, changes, i);
      LazyOffset offset = new LazyOffset(() -> state.get().toMap());
      records.add(
          change.bucket() == null
              ? BucketCatalogRecords.tombstone(
                  partition(), offset, settings.topic(), change.bucketId(), observedAt)
              : BucketCatalogRecords.toRecord(
                  partition(), offset, settings.topic(), change.bucket(), observedAt));
    }
    if (!changes.isEmpty()) {
      emitted = stateAfter(before, changes, changes.size() - 1).get();
      log.info("catalog: {} buckets new or changed or gone", changes.size());
    }
    context.metrics().recordsEmitted(StreamKind.BUCKETS, changes.size());
    return records;
  }

  private static Map<String, Object> partition() {
    return SourcePartition.catalog().toMap();
  }

  private TreeMap<String, Bucket> selected(List<Bucket> listed) {
    TreeMap<String, Bucket> selected = new TreeMap<>();
    for (Bucket bucket : listed) {
      if (settings.selection().test(bucket)) {
        selected.putIfAbsent(bucket.id(), bucket);
      }
    }
    return selected;
  }

  /** Upserts for new or changed buckets and tombstones for gone ones, in bucket id order. */
  private static List<Change> changes(CatalogState before, TreeMap<String, Bucket> current) {
    TreeSet<String> ids = new TreeSet<>(before.fingerprints().keySet());
    ids.addAll(current.keySet());
    List<Change> changes = new ArrayList<>();
    for (String id : ids) {
      Bucket bucket = current.get(id);
      String previous = before.fingerprints().get(id);
      if (bucket == null) {
        changes.add(new Change(id, null, null));
      } else {
        String fingerprint = BucketFingerprint.of(bucket);
        if (!fingerprint.equals(previous)) {
          changes.add(new Change(id, bucket, fingerprint));
        }
      }
    }
    return changes;
  }

  /** The state once changes 0..index are written; built only if Connect reads that offset. */
  private static Supplier<CatalogState> stateAfter(
      CatalogState before, List<Change> changes, int index) {
    return () -> {
      Map<String, String> state = new TreeMap<>(before.fingerprints());
      for (int i = 0; i <= index; i++) {
        Change change = changes.get(i);
        if (change.fingerprint() == null) {
          state.remove(change.bucketId());
        } else {
          state.put(change.bucketId(), change.fingerprint());
        }
      }
      return CatalogState.of(state);
    };
  }

  /** One catalog record to write: an upsert (bucket and fingerprint set) or a tombstone. */
  private record Change(String bucketId, Bucket bucket, String fingerprint) {}
}
