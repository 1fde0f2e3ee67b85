package tech.flashback.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.flashback.connect.it.FlashbackConnectCluster.DecodedRecord;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.LoggedRequest;
import tech.flashback.connect.simulator.SimMinuteRow;
import tech.flashback.connect.simulator.SimNodeStat;
import tech.flashback.connect.simulator.SimulatorEndpoint;
import tech.flashback.connect.simulator.SyntheticDataset;

/**
 * All four streams on a real distributed cluster (two workers, three tasks): every expected record,
 * computed from the simulator's seed, arrives exactly once with the right key, value and timestamp,
 * and no bucket is read by two tasks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllStreamsEndToEndIT {

  private static final Duration LAG = Duration.ofSeconds(90);

  private FlashbackConnectCluster cluster;
  private SyntheticDataset dataset;
  private Instant minuteStart;
  private LocalDate firstDay;

  @BeforeAll
  void startClusterAndConnector() throws Exception {
    Instant now = Instant.now();
    firstDay = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(2);
    minuteStart = now.minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS);
    FlashbackSimulator simulator =
        FlashbackSimulator.builder()
            .buckets(6)
            .workspaces(2)
            .reposPerBucket(2)
            .hostsPerBucket(2)
            .nodesPerBucket(3)
            .historyStart(firstDay.atStartOfDay().toInstant(ZoneOffset.UTC))
            .lateFraction(0.2)
            .lateBy(Duration.ofSeconds(60))
            .build();
    dataset = simulator.dataset();
    cluster = FlashbackConnectCluster.start(simulator, 2, Map.of());
    cluster
        .connect()
        .configureConnector(
            FlashbackConnectCluster.CONNECTOR,
            cluster.connectorProps(
                "flashback.minute.backfill.start", minuteStart.toString(),
                "flashback.minute.lag.ms", Long.toString(LAG.toMillis()),
                "flashback.minute.poll.interval.ms", "5000",
                "flashback.node.daily.backfill.start", firstDay.toString(),
                "flashback.node.daily.settle.delay.ms", "0"));
    cluster
        .connect()
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(
            FlashbackConnectCluster.CONNECTOR, 3, "3 tasks run");
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private List<String> bucketIds() {
    return dataset.buckets().stream().map(b -> b.id()).sorted().toList();
  }

  @Test
  void everyStreamDeliversEveryExpectedRecordExactlyOnce() throws Exception {
    // Everything readable when the connector started: minutes before start - lag.
    Instant cutoff =
        Instant.now().minus(LAG).truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
    List<SimMinuteRow> expectedMinutes =
        dataset
            .visibleMinuteRows(bucketIds(), minuteStart, cutoff.minusMillis(1), Instant.now())
            .toList();
    int expectedNodes = 2 * 6 * 3;

    List<DecodedRecord> minutes =
        awaitRecords("flashback.minute", r -> inWindow(r, cutoff), expectedMinutes.size());
    List<DecodedRecord> nodes = awaitRecords("flashback.node-daily", r -> true, expectedNodes);
    List<DecodedRecord> buckets = awaitRecords("flashback.buckets", r -> true, 6);
    List<DecodedRecord> totals = awaitRecords("flashback.bucket-totals", r -> true, 6);

    assertMinuteRowsAreExactlyTheDataset(minutes, expectedMinutes);
    assertNodeStatsAreExactlyTheDataset(nodes);
    assertThat(buckets)
        .extracting(r -> struct(r.key()).getString("bucket_id"))
        .containsExactlyInAnyOrderElementsOf(bucketIds());
    assertThat(
            totals.stream()
                .map(r -> struct(r.key()).getString("bucket_id"))
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(bucketIds());
    assertNoBucketWasReadByTwoTasks();
  }

  private static boolean inWindow(DecodedRecord record, Instant cutoff) {
    return ((Date) struct(record.key()).get("minute")).toInstant().isBefore(cutoff);
  }

  private void assertMinuteRowsAreExactlyTheDataset(
      List<DecodedRecord> records, List<SimMinuteRow> expected) {
    List<String> keys = records.stream().map(r -> struct(r.key()).toString()).toList();
    assertThat(keys).doesNotHaveDuplicates();
    Set<String> actual = new HashSet<>();
    for (DecodedRecord record : records) {
      Struct value = struct(record.value());
      Instant minute = ((Date) value.get("minute")).toInstant();
      assertThat(record.timestamp()).isEqualTo(minute.toEpochMilli());
      actual.add(
          minute
              + "|"
              + value.getString("bucket_id")
              + "|"
              + value.getString("repo_id")
              + "|"
              + value.getString("host")
              + "|"
              + value.getInt64("upload_bytes")
              + "|"
              + value.getInt64("download_bytes")
              + "|"
              + value.getInt64("size_change")
              + "|"
              + value.getFloat64("latency_ms").longValue());
    }
    Set<String> wanted =
        expected.stream()
            .map(
                row ->
                    row.minute()
                        + "|"
                        + row.bucketId()
                        + "|"
                        + row.repoId()
                        + "|"
                        + row.host()
                        + "|"
                        + row.uplBytes()
                        + "|"
                        + row.dwlBytes()
                        + "|"
                        + row.sizeChange()
                        + "|"
                        + row.latencyMs())
            .collect(Collectors.toSet());
    assertThat(actual).isEqualTo(wanted);
  }

  private void assertNodeStatsAreExactlyTheDataset(List<DecodedRecord> records) {
    assertThat(records.stream().map(r -> struct(r.key()).toString()).toList())
        .doesNotHaveDuplicates();
    Set<String> actual = new HashSet<>();
    for (DecodedRecord record : records) {
      Struct value = struct(record.value());
      actual.add(
          value.getString("bucket_id")
              + "|"
              + value.get("day")
              + "|"
              + value.getString("node_host")
              + "|"
              + value.getFloat64("uptime_percent"));
    }
    Set<String> wanted = new HashSet<>();
    for (String bucket : bucketIds()) {
      for (LocalDate day : List.of(firstDay, firstDay.plusDays(1))) {
        for (SimNodeStat stat : dataset.nodeStats(bucket, day)) {
          wanted.add(
              bucket
                  + "|"
                  + Date.from(day.atStartOfDay().toInstant(ZoneOffset.UTC))
                  + "|"
                  + stat.host()
                  + "|"
                  + stat.percUptime());
        }
      }
    }
    assertThat(actual).isEqualTo(wanted);
  }

  /** Each (bucket, window start) was asked for once: two tasks owning a bucket would ask twice. */
  private void assertNoBucketWasReadByTwoTasks() {
    List<String> asked = new java.util.ArrayList<>();
    for (LoggedRequest request : cluster.simulator().requests(SimulatorEndpoint.MINUTE_STATS)) {
      if (request.status() == 200) {
        request.bucketIds().forEach(id -> asked.add(id + "@" + request.query().get("startDate")));
      }
    }
    assertThat(asked).isNotEmpty().doesNotHaveDuplicates();
  }

  private List<DecodedRecord> awaitRecords(
      String topic, java.util.function.Predicate<DecodedRecord> filter, int count)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      List<DecodedRecord> records =
          cluster.readAllIfPresent(Duration.ofSeconds(10), topic).stream().filter(filter).toList();
      if (records.size() >= count || System.nanoTime() > deadline) {
        assertThat(records).as("records on " + topic).hasSizeGreaterThanOrEqualTo(count);
        return records;
      }
      Thread.sleep(500);
    }
  }

  private static Struct struct(org.apache.kafka.connect.data.SchemaAndValue value) {
    return (Struct) value.value();
  }
}
