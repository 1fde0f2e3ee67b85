package tech.flashback.connect.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.stream.StreamTestSupport.committedAfter;
import static tech.flashback.connect.stream.StreamTestSupport.drain;
import static tech.flashback.connect.stream.StreamTestSupport.key;
import static tech.flashback.connect.stream.StreamTestSupport.value;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.client.OkHttpFlashbackApiClient;
import tech.flashback.connect.config.MalformedRowPolicy;
import tech.flashback.connect.config.StreamKind;
import tech.flashback.connect.metrics.TaskMetrics;
import tech.flashback.connect.offset.DayOffset;
import tech.flashback.connect.offset.SourcePartition;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.LoggedRequest;
import tech.flashback.connect.simulator.SimNodeStat;
import tech.flashback.connect.simulator.SimulatorEndpoint;

class NodeDailyStreamTest {

  private static final LocalDate FIRST_DAY = LocalDate.parse("2024-01-29");
  private static final Instant NOW = Instant.parse("2024-02-01T02:00:00Z");

  private final MockTime time = new MockTime(0, NOW.toEpochMilli(), 0);
  private final TaskMetrics metrics = TaskMetrics.detached();
  private final DeniedBuckets denied = new DeniedBuckets(300_000);
  private FlashbackSimulator simulator;
  private OkHttpFlashbackApiClient client;

  @BeforeEach
  void start() {
    simulator =
        FlashbackSimulator.builder()
            .time(time)
            .buckets(2)
            .nodesPerBucket(3)
            .historyStart(FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC))
            .start();
    client = StreamTestSupport.client(simulator, time);
  }

  @AfterEach
  void stop() {
    client.close();
    simulator.close();
  }

  private List<String> bucketIds() {
    return simulator.dataset().buckets().stream().map(b -> b.id()).sorted().toList();
  }

  private NodeDailyStream stream(Map<String, DayOffset> positions) {
    return new NodeDailyStream(
        new StreamContext(
            client,
            StreamTestSupport.malformedRows(MalformedRowPolicy.FAIL, metrics),
            denied,
            metrics),
        new NodeDailySettings("flashback.node-daily", Duration.ofHours(1)),
        positions);
  }

  private Map<String, DayOffset> from(LocalDate day) {
    Map<String, DayOffset> positions = new HashMap<>();
    bucketIds().forEach(id -> positions.put(id, DayOffset.startingAt(day)));
    return positions;
  }

  @Test
  void everyClosedDayIsReadOncePerBucketWithOneRecordPerNode() {
    List<SourceRecord> records = drain(stream(from(FIRST_DAY)), time.milliseconds());

    // 01:00 after Jan 31 has passed (settle 1 h), Feb 1 is not closed: Jan 29, 30, 31
    List<LoggedRequest> posts = simulator.requests(SimulatorEndpoint.NODE_DAILY);
    assertThat(posts).hasSize(2 * 3);
    assertThat(posts)
        .extracting(LoggedRequest::body)
        .contains("{\"day\":\"2024-01-31T00:00:00.000Z\"}");
    assertThat(records).hasSize(2 * 3 * 3);
    SourceRecord first = records.get(0);
    SimNodeStat expected = simulator.dataset().nodeStats(bucketIds().get(0), FIRST_DAY).get(0);
    assertThat(value(first).getString("node_host")).isEqualTo(expected.host());
    assertThat(value(first).getFloat64("uptime_percent")).isEqualTo(expected.percUptime());
    assertThat(key(first).get("day"))
        .isEqualTo(Date.from(FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC)));
    assertThat(first.sourcePartition())
        .isEqualTo(SourcePartition.of(StreamKind.NODE_DAILY, bucketIds().get(0)).toMap());
    assertThat(metrics.records(StreamKind.NODE_DAILY)).isEqualTo(18);
  }

  @Test
  void theNextDayIsDueOnceItClosesAndNotBefore() {
    NodeDailyStream stream = stream(from(FIRST_DAY));
    drain(stream, time.milliseconds());

    assertThat(stream.nextDueMs()).isEqualTo(Instant.parse("2024-02-02T01:00:00Z").toEpochMilli());
    time.setCurrentTimeMs(stream.nextDueMs());
    List<SourceRecord> next = drain(stream, time.milliseconds());
    assertThat(next).hasSize(2 * 3);
    assertThat(next)
        .allSatisfy(
            r ->
                assertThat(r.timestamp())
                    .isEqualTo(Instant.parse("2024-02-01T00:00:00Z").toEpochMilli()));
  }

  @Test
  void daysWithoutNodesAreNotAskedAgain() {
    NodeDailyStream stream = stream(from(FIRST_DAY.minusDays(2)));

    List<SourceRecord> records = drain(stream, time.milliseconds());
    drain(stream, time.milliseconds());

    assertThat(records).hasSize(18);
    assertThat(simulator.requests(SimulatorEndpoint.NODE_DAILY)).hasSize(2 * 5);
  }

  @Test
  void aRestartAtAnyRecordResumesWithNoGapAndNoDuplicate() {
    long now = time.milliseconds();
    List<SourceRecord> reference = drain(stream(from(FIRST_DAY)), now);
    List<String> all = reference.stream().map(NodeDailyStreamTest::id).toList();

    for (int cut = 0; cut <= reference.size(); cut++) {
      Map<String, DayOffset> resumed = from(FIRST_DAY);
      committedAfter(reference, cut)
          .forEach(
              (p, o) -> resumed.put(SourcePartition.fromMap(p).bucketId(), DayOffset.fromMap(o)));
      List<String> combined = new ArrayList<>(all.subList(0, cut));
      drain(stream(resumed), now).forEach(r -> combined.add(id(r)));
      assertThat(combined)
          .as("cut at %d", cut)
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(all);
    }
  }

  private static String id(SourceRecord record) {
    return key(record).toString();
  }

  @Test
  void aRefusedBucketIsSkippedAndTheOtherIsRead() {
    simulator.denyBucket(bucketIds().get(0), 404);

    List<SourceRecord> records = drain(stream(from(FIRST_DAY)), time.milliseconds());

    assertThat(records)
        .hasSize(3 * 3)
        .allSatisfy(r -> assertThat(value(r).getString("bucket_id")).isEqualTo(bucketIds().get(1)));
    assertThat(denied.count()).isEqualTo(1);
  }
}
