package tech.flashback.connect.stream;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.flashback.connect.client.ApiResult;
import tech.flashback.connect.client.BucketDenial;
import tech.flashback.connect.client.ResponseTooLargeException;
import tech.flashback.connect.client.model.MinuteStat;
import tech.flashback.connect.client.model.RowProblem;
import tech.flashback.connect.config.StreamKind;
import tech.flashback.connect.offset.LazyOffset;
import tech.flashback.connect.offset.MinuteOffset;
import tech.flashback.connect.offset.MinuteRowKey;
import tech.flashback.connect.record.MinuteStatsRecords;

/**
 * Minute usage of the task's buckets, read in windows {@code [position, now - lag)} of whole
 * minutes. Buckets at the same position share requests (one per chunk of ids); a window longer than
 * the maximum is split, which is how a backfill runs. Rows are filtered to the window and the asked
 * buckets (servers may answer with whole days), de-duplicated by (minute, bucket, repo, host), and
 * emitted in time order; each record's offset moves past its minute only with the minute's last
 * row.
 */
public final class MinuteStream extends ScheduledStream {

  private static final Logger log = LoggerFactory.getLogger(MinuteStream.class);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final MinuteSettings settings;
  private final Map<String, MinuteOffset> positions;

  private final BucketPartitions partitions = new BucketPartitions(StreamKind.MINUTE);

  private Duration window;

  /**
   * @param startPositions every bucket of the task with where it resumes (stored offset or the
   *     configured backfill start)
   */
  public MinuteStream(
      StreamContext context, MinuteSettings settings, Map<String, MinuteOffset> startPositions) {
    super(context);
    this.settings = settings;
    this.positions = new HashMap<>(startPositions);
    this.window = settings.maxWindow();
  }

  @Override
  public StreamKind kind() {
    return StreamKind.MINUTE;
  }

  /** The oldest position of the task's buckets, for the lag metric; null without buckets. */
  public Instant oldestPosition() {
    return positions.values().stream()
        .map(MinuteOffset::minute)
        .min(Instant::compareTo)
        .orElse(null);
  }

  @Override
  public List<SourceRecord> poll(long nowMs) {
    Instant readableEnd = readableEnd(nowMs);
    TreeMap<Instant, List<String>> behind = bucketsBehind(readableEnd, nowMs);
    if (behind.isEmpty()) {
      dueAt(nextCycle(readableEnd, nowMs));
      return List.of();
    }
    Instant start = behind.firstKey();
    List<String> group = behind.firstEntry().getValue();
    List<String> chunk = group.subList(0, Math.min(group.size(), settings.bucketIdsPerRequest()));
    Instant end = min(start.plus(window), readableEnd);
    List<SourceRecord> records = fetch(List.copyOf(chunk), start, end, nowMs);
    dueAt(nowMs); // more may be behind; the next poll finds out
    return records;
  }

  private Instant readableEnd(long nowMs) {
    return Instant.ofEpochMilli(nowMs).minus(settings.lag()).truncatedTo(ChronoUnit.MINUTES);
  }

  /** Buckets not yet at {@code readableEnd}, grouped by position, in bucket id order. */
  private TreeMap<Instant, List<String>> bucketsBehind(Instant readableEnd, long nowMs) {
    TreeMap<Instant, List<String>> groups = new TreeMap<>();
    positions.forEach(
        (bucket, position) -> {
          if (position.minute().isBefore(readableEnd)
              && !context.denied().isSkipped(bucket, nowMs)) {
            groups.computeIfAbsent(position.minute(), m -> new ArrayList<>()).add(bucket);
          }
        });
    groups.values().forEach(list -> list.sort(Comparator.naturalOrder()));
    return groups;
  }

  /** Caught up: wake when the next minute becomes readable, on the poll interval's grid. */
  private long nextCycle(Instant readableEnd, long nowMs) {
    long nextReadable = readableEnd.plus(MINUTE).plus(settings.lag()).toEpochMilli();
    long interval = settings.pollInterval().toMillis();
    long nextSlot = (nowMs / interval + 1) * interval;
    return Math.max(nextReadable, nextSlot);
  }

  private List<SourceRecord> fetch(List<String> buckets, Instant start, Instant end, long nowMs) {
    ApiResult<MinuteStat> result;
    try {
      result = context.client().minuteStats(buckets, start, end.minusMillis(1));
    } catch (ResponseTooLargeException e) {
      shrinkWindow(e);
      return List.of();
    }
    Set<String> refused = refused(result, nowMs);
    List<PendingRow> rows = rowsToEmit(result.rows(), buckets, refused, start, end);
    List<SourceRecord> records = new ArrayList<>(result.problems().size() + rows.size());
    for (RowProblem problem : result.problems()) {
      SourceRecord error = handle(problem, buckets, start, nowMs);
      if (error != null) {
        records.add(error);
      }
    }
    appendRecords(rows, records);
    for (String bucket : buckets) {
      if (!refused.contains(bucket)) {
        positions.put(bucket, MinuteOffset.startingAt(end));
      }
    }
    context.metrics().recordsEmitted(StreamKind.MINUTE, rows.size());
    log.debug(
        "minute stream: {} rows for {} buckets in [{}, {})",
        rows.size(),
        buckets.size(),
        start,
        end);
    return records;
  }

  /** A body too large for one window: halve the window and try again, down to one minute. */
  private void shrinkWindow(ResponseTooLargeException e) {
    if (window.compareTo(MINUTE) <= 0) {
      throw new ConnectException(
          e.getMessage() + "; even a one-minute window is too large for this many buckets", e);
    }
    Duration halved = window.dividedBy(2).truncatedTo(ChronoUnit.MINUTES);
    window = halved.compareTo(MINUTE) < 0 ? MINUTE : halved;
    log.warn("minute stream: response too large, reading windows of {} from now on", window);
  }

  private Set<String> refused(ApiResult<MinuteStat> result, long nowMs) {
    Set<String> refused = new java.util.HashSet<>();
    for (BucketDenial denial : result.deniedBuckets()) {
      context.denied().deny(StreamKind.MINUTE, denial, nowMs);
      refused.add(denial.bucketId());
    }
    return refused;
  }

  /**
   * An error record claims nothing new: it carries the bucket's position from before the window.
   */
  private SourceRecord handle(RowProblem problem, List<String> buckets, Instant start, long nowMs) {
    String bucket = MalformedRows.attachTo(problem, buckets);
    MinuteOffset before = positions.getOrDefault(bucket, MinuteOffset.startingAt(start));
    return context
        .malformedRows()
        .handle(
            StreamKind.MINUTE,
            problem,
            partitions.of(bucket),
            before.toMap(),
            Instant.ofEpochMilli(nowMs));
  }

  /**
   * The window's rows of these buckets not emitted before, de-duplicated, in emission order, each
   * with its minute (computed once: sorting and offsets read it instead of deriving it again).
   */
  private List<PendingRow> rowsToEmit(
      List<MinuteStat> rows,
      List<String> buckets,
      Set<String> refused,
      Instant start,
      Instant end) {
    Map<String, MinuteOffset> asked = new HashMap<>();
    for (String bucket : buckets) {
      if (!refused.contains(bucket)) {
        asked.put(bucket, positions.get(bucket));
      }
    }
    List<PendingRow> pending = new ArrayList<>(rows.size());
    for (MinuteStat row : rows) {
      MinuteOffset position = asked.get(row.bucketId());
      Instant minute = MinuteStatsRecords.minuteOf(row.timestamp());
      if (position == null || minute.isBefore(start) || !minute.isBefore(end)) {
        continue;
      }
      if (!position.covers(minute, row.repoId(), row.host())) {
        pending.add(new PendingRow(minute, row));
      }
    }
    return EmissionOrder.sortedUnique(pending);
  }

  /**
   * Records in order; the last row of each (bucket, minute) moves that bucket past the minute. An
   * offset inside a minute is built only if Connect reads it: it serializes only the latest offset
   * per partition at each commit, which is the last row of a minute unless it stops between rows.
   */
  private void appendRecords(List<PendingRow> rows, List<SourceRecord> records) {
    Instant minute = null;
    Map<String, Object> pastMinute = null; // the same for every bucket: made once per minute
    for (int i = 0; i < rows.size(); i++) {
      PendingRow row = rows.get(i);
      if (!row.minute().equals(minute)) {
        minute = row.minute();
        pastMinute = MinuteOffset.startingAt(minute.plus(MINUTE)).toMap();
      }
      boolean lastOfMinute = i + 1 == rows.size() || !rows.get(i + 1).sameBucketAndMinute(row);
      Map<String, Object> offset = lastOfMinute ? pastMinute : new LazyOffset(row::offsetWithin);
      records.add(
          MinuteStatsRecords.toRecord(
              partitions.of(row.bucketId()), offset, settings.topic(), row.stat()));
    }
  }

  /** Rows with an empty repo or host have the same record key as rows without one. */
  static MinuteRowKey keyOf(MinuteStat row) {
    return MinuteRowKey.of(row.repoId(), row.host());
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /**
   * A row to emit with its minute: what makes it unique, and its place in emission order (buckets
   * are compared by identity first: equal ids share one string). Its key is compared field by field
   * and made only for an offset inside a minute, which Connect seldom reads.
   */
  private record PendingRow(Instant minute, MinuteStat stat) implements Comparable<PendingRow> {

    String bucketId() {
      return stat.bucketId();
    }

    /** The offset of a row that is not its minute's last: the minute is emitted up to it. */
    Map<String, Object> offsetWithin() {
      return new MinuteOffset(minute, keyOf(stat)).toMap();
    }

    boolean sameBucketAndMinute(PendingRow other) {
      return bucketId().equals(other.bucketId()) && minute.equals(other.minute);
    }

    @Override
    public int compareTo(PendingRow other) {
      int byMinute = minute.compareTo(other.minute);
      if (byMinute != 0) {
        return byMinute;
      }
      String bucketId = bucketId();
      String otherBucketId = other.bucketId();
      int byBucket = bucketId == otherBucketId ? 0 : bucketId.compareTo(otherBucketId);
      return byBucket != 0
          ? byBucket
          : MinuteRowKey.compare(
              stat.repoId(), stat.host(), other.stat.repoId(), other.stat.host());
    }
  }
}
