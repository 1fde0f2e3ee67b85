package tech.flashback.connect.bench.endtoend;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.source.SourceRecord;
import tech.flashback.connect.client.model.MinuteStat;
import tech.flashback.connect.config.StreamKind;
import tech.flashback.connect.offset.MinuteOffset;
import tech.flashback.connect.offset.SourcePartition;
import tech.flashback.connect.record.MinuteStatsRecords;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.SimBucket;
import tech.flashback.connect.simulator.SimMinuteRow;
import tech.flashback.connect.simulator.SyntheticDataset;

/**
 * A minute backfill of a fixed size: {@code buckets × repos × hosts} rows per minute over {@code
 * minutes} minutes that end at {@code historyEnd}. The simulator's clock stands still at the
 * history end, so however long a run takes no new minute appears and the expected count is exact;
 * the connector, on the real clock, finds only empty windows past it.
 *
 * @param buckets buckets
 * @param repos repositories per bucket
 * @param hosts hosts per bucket
 * @param minutes minutes of history
 * @param historyEnd the end of the history (exclusive), a whole minute in the past
 */
public record BackfillScenario(int buckets, int repos, int hosts, int minutes, Instant historyEnd) {

  /** A scenario whose history ends at the last whole minute. */
  public static BackfillScenario endingNow(int buckets, int repos, int hosts, int minutes) {
    return new BackfillScenario(
        buckets, repos, hosts, minutes, Instant.now().truncatedTo(ChronoUnit.MINUTES));
  }

  public int rowsPerMinute() {
    return buckets * repos * hosts;
  }

  /** Rows of the whole history. */
  public long rows() {
    return (long) rowsPerMinute() * minutes;
  }

  /** Rows of the last {@code lastMinutes} minutes. */
  public long rows(int lastMinutes) {
    return (long) rowsPerMinute() * lastMinutes;
  }

  public Instant historyStart() {
    return historyEnd.minus(Duration.ofMinutes(minutes));
  }

  /** Where a backfill of the last {@code lastMinutes} minutes starts. */
  public Instant backfillStart(int lastMinutes) {
    return historyEnd.minus(Duration.ofMinutes(lastMinutes));
  }

  /**
   * The simulator, not started: no late rows (every row is readable once its minute ended), no
   * faults, a clock standing at the history end.
   */
  public FlashbackSimulator simulator() {
    return FlashbackSimulator.builder()
        .time(new MockTime(0, historyEnd.toEpochMilli(), 0))
        .buckets(buckets)
        .reposPerBucket(repos)
        .hostsPerBucket(hosts)
        .nodesPerBucket(1)
        .historyStart(historyStart())
        .lateFraction(0)
        .build();
  }

  /**
   * The records the connector emits for the whole history, built as the connector builds them (same
   * converter, partition and offset maps), in the order the simulator serves them.
   */
  public static List<SourceRecord> records(SyntheticDataset dataset, Instant end, String topic) {
    List<String> ids = dataset.buckets().stream().map(SimBucket::id).toList();
    Instant start = dataset.historyStart();
    // One partition map per bucket, shared, as the connector does.
    Map<String, Map<String, Object>> partitions = new HashMap<>();
    List<SourceRecord> records = new ArrayList<>();
    dataset
        .visibleMinuteRows(ids, start, end.minusMillis(1), end)
        .forEach(
            row ->
                records.add(
                    toRecord(
                        row,
                        partitions.computeIfAbsent(
                            row.bucketId(),
                            id -> SourcePartition.of(StreamKind.MINUTE, id).toMap()),
                        topic)));
    return records;
  }

  private static SourceRecord toRecord(
      SimMinuteRow row, Map<String, Object> partition, String topic) {
    Map<String, Object> offset = MinuteOffset.startingAt(row.minute()).toMap();
    MinuteStat stat =
        new MinuteStat(
            row.minute(),
            row.bucketId(),
            row.repoId(),
            row.host(),
            row.uplBytes(),
            row.dwlBytes(),
            row.sizeChange(),
            (double) row.latencyMs());
    return MinuteStatsRecords.toRecord(partition, offset, topic, stat);
  }
}
