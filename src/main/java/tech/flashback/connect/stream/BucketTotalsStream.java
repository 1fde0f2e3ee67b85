package tech.flashback.connect.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
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
  private final BucketSlots buckets;
  private final BucketPartitions partitions = new BucketPartitions(StreamKind.BUCKET_TOTALS);

  /**
   * @param startSnapshots every bucket of the task with its last emitted slot, or {@code null}
   */
  public BucketTotalsStream(
      StreamContext context, TotalsSettings settings, Map<String, Instant> startSnapshots) {
    super(context);
    this.settings = settings;
    this.buckets = new BucketSlots(startSnapshots);
  }

  @Override
  public StreamKind kind() {
    return StreamKind.BUCKET_TOTALS;
  }

  @Override
  public List<SourceRecord> poll(long nowMs) {
    long interval = settings.interval().toMillis();
    Instant slot = Instant.ofEpochMilli(nowMs / interval * interval);
    int[] due = dueBuckets(slot, nowMs);
    if (due.length == 0) {
      dueAt(slot.toEpochMilli() + interval);
      return List.of();
    }
    dueAt(nowMs);
    return fetch(
        Arrays.copyOf(due, Math.min(due.length, settings.bucketIdsPerRequest())), slot, nowMs);
  }

  /** The indexes of the buckets behind this slot, in id order. */
  private int[] dueBuckets(Instant slot, long nowMs) {
    int[] due = new int[buckets.size()];
    int count = 0;
    for (int i = 0; i < buckets.size(); i++) {
      if (buckets.isBehind(i, slot) && !context.denied().isSkipped(buckets.id(i), nowMs)) {
        due[count++] = i;
      }
    }
    return Arrays.copyOf(due, count);
  }

  private List<SourceRecord> fetch(int[] chunk, Instant slot, long nowMs) {
    List<String> ids = new ArrayList<>(chunk.length);
    for (int index : chunk) {
      ids.add(buckets.id(index));
    }
    ApiResult<BucketTotals> result = context.client().bucketTotals(ids);
    buckets.await(chunk);
    Set<String> refused = new HashSet<>();
    for (BucketDenial denial : result.deniedBuckets()) {
      context.denied().deny(StreamKind.BUCKET_TOTALS, denial, nowMs);
      refused.add(denial.bucketId());
      buckets.stopAwaiting(denial.bucketId());
    }
    Map<String, Object> slotOffset = new TotalsOffset(slot).toMap();
    List<SourceRecord> records = new ArrayList<>(chunk.length);
    for (RowProblem problem : result.problems()) {
      String bucket = MalformedRows.attachTo(problem, ids);
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
    // Each asked bucket's first row is emitted, in the order received; later copies and rows of
    // buckets not asked for are dropped.
    int emitted = 0;
    for (BucketTotals row : result.rows()) {
      int index = buckets.takeAwaited(row.bucketId());
      if (index >= 0) {
        records.add(
            BucketTotalsRecords.toRecord(
                partitions.of(buckets.id(index)), slotOffset, settings.topic(), row, slot));
        emitted++;
      }
    }
    for (int index : chunk) {
      if (!refused.contains(buckets.id(index))) {
        buckets.emitted(index, slot);
      }
    }
    context.metrics().recordsEmitted(StreamKind.BUCKET_TOTALS, emitted);
    return records;
  }
}
