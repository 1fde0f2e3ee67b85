package tech.flashback.connect.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;
import tech.flashback.connect.client.ApiResult;
import tech.flashback.connect.client.BucketDenial;
import tech.flashback.connect.client.model.BucketTotals;
import tech.flashback.connect.client.model.RowProblem;
import tech.flashback.connect.config.StreamKind;
import tech.flashback.connect.offset.TotalsOffset;
import tech.flashback.connect.record.BucketTotalsRecords;

/**
 * Cumulative totals of the task's buckets, one snapshot per bucket per interval. Snapshots are
 * taken in slots on a fixed grid of wall-clock time (a multiple of the interval since the epoch),
 * so the snapshot time, and with it the record key, is the same whoever takes it: a snapshot
 * repeated after a crash upserts the same row. The offset is the last slot emitted, so the cadence
 * survives restarts.
 */
public final class BucketTotalsStream extends ScheduledStream {

  private final TotalsSettings settings;
  private final Map<String, Instant> lastSnapshots;
  private final BucketPartitions partitions = new BucketPartitions(StreamKind.BUCKET_TOTALS);

  /**
   * @param startSnapshots every bucket of the task with its last emitted slot, or {@code null}
   */
  public BucketTotalsStream(
      StreamContext context, TotalsSettings settings, Map<String, Instant> startSnapshots) {
    super(context);
    this.settings = settings;
    this.lastSnapshots = new HashMap<>(startSnapshots);
  }

  @Override
  public StreamKind kind() {
    return StreamKind.BUCKET_TOTALS;
  }

  @Override
  public List<SourceRecord> poll(long nowMs) {
    long interval = settings.interval().toMillis();
    Instant slot = Instant.ofEpochMilli(nowMs / interval * interval);
    List<String> due = dueBuckets(slot, nowMs);
    if (due.isEmpty()) {
      dueAt(slot.toEpochMilli() + interval);
      return List.of();
    }
    dueAt(nowMs);
    return fetch(due.subList(0, Math.min(due.size(), settings.bucketIdsPerRequest())), slot, nowMs);
  }

  private List<String> dueBuckets(Instant slot, long nowMs) {
    List<String> due = new ArrayList<>();
    lastSnapshots.forEach(
        (bucket, last) -> {
          if ((last == null || last.isBefore(slot)) && !context.denied().isSkipped(bucket, nowMs)) {
            due.add(bucket);
          }
        });
    due.sort(String::compareTo);
    return due;
  }

  private List<SourceRecord> fetch(List<String> buckets, Instant slot, long nowMs) {
    ApiResult<BucketTotals> result = context.client().bucketTotals(buckets);
    Set<String> refused = new HashSet<>();
    for (BucketDenial denial : result.deniedBuckets()) {
      context.denied().deny(StreamKind.BUCKET_TOTALS, denial, nowMs);
      refused.add(denial.bucketId());
    }
    Map<String, Object> slotOffset = new TotalsOffset(slot).toMap();
    List<SourceRecord> records = new ArrayList<>();
    for (RowProblem problem : result.problems()) {
      String bucket = MalformedRows.attachTo(problem, buckets);
      // The slot of a bucket whose row went to the error topic is done: the error record says so.
      SourceRecord error =
          context
              .malformedRows()
              .handle(
                  StreamKind.BUCKET_TOTALS,
                  problem,
                  partitions.of(bucket),
                  slotOffset,
                  Instant.ofEpochMilli(nowMs));
      if (error != null) {
        records.add(error);
      }
    }
    Set<String> asked = new HashSet<>(buckets); // a list's contains() per row is quadratic
    Map<String, BucketTotals> rows = new LinkedHashMap<>();
    for (BucketTotals row : result.rows()) {
      if (asked.contains(row.bucketId()) && !refused.contains(row.bucketId())) {
        rows.putIfAbsent(row.bucketId(), row);
      }
    }
    for (BucketTotals row : rows.values()) {
      records.add(
          BucketTotalsRecords.toRecord(
              partitions.of(row.bucketId()), slotOffset, settings.topic(), row, slot));
    }
    for (String bucket : buckets) {
      if (!refused.contains(bucket)) {
        lastSnapshots.put(bucket, slot);
      }
    }
    context.metrics().recordsEmitted(StreamKind.BUCKET_TOTALS, rows.size());
    return records;
  }
}
