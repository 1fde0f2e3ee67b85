package tech.flashback.connect.stream;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import tech.flashback.connect.client.ApiResult;
import tech.flashback.connect.client.BucketDenial;
import tech.flashback.connect.client.model.NodeDailyStat;
import tech.flashback.connect.client.model.RowProblem;
import tech.flashback.connect.config.StreamKind;
import tech.flashback.connect.offset.DayOffset;
import tech.flashback.connect.offset.LazyOffset;
import tech.flashback.connect.offset.NodeKey;
import tech.flashback.connect.offset.SourcePartition;
import tech.flashback.connect.record.NodeDailyRecords;

/**
 * Per-node statistics of each bucket for each closed UTC day (midnight plus the settle delay has
 * passed), one POST per bucket and day, oldest day first across buckets. One record per node; the
 * offset moves past a day with its last node, and a day without nodes is not asked again.
 */
public final class NodeDailyStream extends ScheduledStream {

  private final NodeDailySettings settings;
  private final Map<String, DayOffset> positions;

  /**
   * @param startPositions every bucket of the task with the day it resumes at
   */
  public NodeDailyStream(
      StreamContext context, NodeDailySettings settings, Map<String, DayOffset> startPositions) {
    super(context);
    this.settings = settings;
    this.positions = new HashMap<>(startPositions);
  }

  @Override
  public StreamKind kind() {
    return StreamKind.NODE_DAILY;
  }

  @Override
  public List<SourceRecord> poll(long nowMs) {
    LocalDate lastClosed = lastClosedDay(nowMs);
    String bucket = oldestDueBucket(lastClosed, nowMs);
    if (bucket == null) {
      dueAt(closingTime(lastClosed.plusDays(1)));
      return List.of();
    }
    dueAt(nowMs);
    return fetch(bucket, positions.get(bucket), nowMs);
  }

  private LocalDate lastClosedDay(long nowMs) {
    Instant settled = Instant.ofEpochMilli(nowMs).minus(settings.settleDelay());
    return LocalDate.ofInstant(settled, ZoneOffset.UTC).minusDays(1);
  }

  /** When {@code day} counts as closed: the next midnight plus the settle delay. */
  private long closingTime(LocalDate day) {
    return day.plusDays(1)
        .atStartOfDay()
        .toInstant(ZoneOffset.UTC)
        .plus(settings.settleDelay())
        .toEpochMilli();
  }

  private String oldestDueBucket(LocalDate lastClosed, long nowMs) {
    String oldest = null;
    LocalDate oldestDay = null;
    for (Map.Entry<String, DayOffset> entry : positions.entrySet()) {
      LocalDate day = entry.getValue().day();
      if (day.isAfter(lastClosed) || context.denied().isSkipped(entry.getKey(), nowMs)) {
        continue;
      }
      if (oldest == null
          || day.isBefore(oldestDay)
          || day.equals(oldestDay) && entry.getKey().compareTo(oldest) < 0) {
        oldest = entry.getKey();
        oldestDay = day;
      }
    }
    return oldest;
  }

  private List<SourceRecord> fetch(String bucket, DayOffset position, long nowMs) {
    LocalDate day = position.day();
    ApiResult<NodeDailyStat> result = context.client().nodeDailyStats(bucket, day);
    if (!result.deniedBuckets().isEmpty()) {
      for (BucketDenial denial : result.deniedBuckets()) {
        context.denied().deny(StreamKind.NODE_DAILY, denial, nowMs);
      }
      return List.of();
    }
    Map<String, Object> partition = SourcePartition.of(StreamKind.NODE_DAILY, bucket).toMap();
    List<SourceRecord> records = new ArrayList<>();
    for (RowProblem problem : result.problems()) {
      SourceRecord error =
          context
              .malformedRows()
              .handle(
                  StreamKind.NODE_DAILY,
                  problem,
                  partition,
                  position.toMap(),
                  Instant.ofEpochMilli(nowMs));
      if (error != null) {
        records.add(error);
      }
    }
    List<PendingNode> nodes = nodesToEmit(result.rows(), position);
    for (int i = 0; i < nodes.size(); i++) {
      PendingNode node = nodes.get(i);
      // An offset inside the day is built only if Connect reads it (see LazyOffset).
      Map<String, Object> offset =
          i + 1 == nodes.size()
              ? DayOffset.startingAt(day.plusDays(1)).toMap()
              : new LazyOffset(new DayOffset(day, node.key())::toMap);
      records.add(NodeDailyRecords.toRecord(partition, offset, settings.topic(), node.stat()));
    }
    positions.put(bucket, DayOffset.startingAt(day.plusDays(1)));
    context.metrics().recordsEmitted(StreamKind.NODE_DAILY, nodes.size());
    return records;
  }

  /** The day's nodes not emitted before, in key order, the first received of each key. */
  private static List<PendingNode> nodesToEmit(List<NodeDailyStat> rows, DayOffset position) {
    List<PendingNode> pending = new ArrayList<>(rows.size());
    for (NodeDailyStat row : rows) {
      NodeKey key = keyOf(row);
      if (!position.covers(row.day(), key)) {
        pending.add(new PendingNode(key, row));
      }
    }
    return EmissionOrder.sortedUnique(pending);
  }

  /** Nodes with an empty host or ip have the same record key as nodes without one. */
  static NodeKey keyOf(NodeDailyStat row) {
    return NodeKey.of(row.host(), row.ip());
  }

  /** A node to emit with its key, computed once for sorting and for its offset. */
  private record PendingNode(NodeKey key, NodeDailyStat stat) implements Comparable<PendingNode> {

    @Override
    public int compareTo(PendingNode other) {
      return key.compareTo(other.key);
    }
  }
}
