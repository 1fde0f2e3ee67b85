package tech.flashback.connect.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tech.flashback.connect.stream.StreamTestSupport.committedAfter;
import static tech.flashback.connect.stream.StreamTestSupport.drain;
import static tech.flashback.connect.stream.StreamTestSupport.key;
import static tech.flashback.connect.stream.StreamTestSupport.value;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.client.OkHttpFlashbackApiClient;
import tech.flashback.connect.client.model.MinuteStat;
import tech.flashback.connect.config.MalformedRowPolicy;
import tech.flashback.connect.config.StreamKind;
import tech.flashback.connect.metrics.TaskMetrics;
import tech.flashback.connect.offset.MinuteOffset;
import tech.flashback.connect.offset.SourcePartition;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.LoggedRequest;
import tech.flashback.connect.simulator.SimMinuteRow;
import tech.flashback.connect.simulator.SimulatorEndpoint;

class MinuteStreamTest {

  private static final Instant HISTORY = Instant.parse("2024-02-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2024-02-01T03:00:30Z");
  private static final Duration LAG = Duration.ofMinutes(3);

  /** The first minute that is not readable at NOW: 02:57 ends at 02:58, + lag 3 min > NOW. */
  private static final Instant READABLE_END = Instant.parse("2024-02-01T02:57:00Z");

  private final MockTime time = new MockTime(0, NOW.toEpochMilli(), 0);
  private final TaskMetrics metrics = TaskMetrics.detached();
  private FlashbackSimulator simulator;
  private OkHttpFlashbackApiClient client;
  private DeniedBuckets denied = new DeniedBuckets(300_000);

  private void startSimulator(FlashbackSimulator.Builder builder) {
    simulator = builder.time(time).historyStart(HISTORY).start();
    client = StreamTestSupport.client(simulator, time);
  }

  private FlashbackSimulator.Builder simulatorWith(int buckets) {
    return FlashbackSimulator.builder()
        .buckets(buckets)
        .lateFraction(0.3)
        .lateBy(Duration.ofMinutes(2));
  }

  @AfterEach
  void stop() {
    client.close();
    simulator.close();
  }

  private List<String> bucketIds() {
    return simulator.dataset().buckets().stream().map(b -> b.id()).sorted().toList();
  }

  private MinuteStream stream(
      Map<String, MinuteOffset> positions, int idsPerRequest, MalformedRowPolicy policy) {
    return new MinuteStream(
        new StreamContext(
            client, StreamTestSupport.malformedRows(policy, metrics), denied, metrics),
        new MinuteSettings(
            "flashback.minute", LAG, Duration.ofMinutes(1), Duration.ofHours(1), idsPerRequest),
        positions);
  }

  private Map<String, MinuteOffset> fromBackfillStart() {
    Map<String, MinuteOffset> positions = new HashMap<>();
    bucketIds().forEach(id -> positions.put(id, MinuteOffset.startingAt(HISTORY)));
    return positions;
  }

  private List<RowId> expected(List<String> buckets) {
    return simulator
        .dataset()
        .visibleMinuteRows(buckets, HISTORY, READABLE_END.minusMillis(1), NOW)
        .map(RowId::of)
        .toList();
  }

  @Test
  void backfillEmitsEveryReadableRowExactlyOnceInTimeOrder() {
    startSimulator(simulatorWith(3));

    List<SourceRecord> records =
        drain(stream(fromBackfillStart(), 100, MalformedRowPolicy.FAIL), time.milliseconds());

    List<RowId> emitted = records.stream().map(RowId::of).toList();
    assertThat(emitted).doesNotHaveDuplicates();
    assertThat(emitted).containsExactlyInAnyOrderElementsOf(expected(bucketIds()));
    assertThat(emitted)
        .hasSize(3 * 2 * 2 * (int) Duration.between(HISTORY, READABLE_END).toMinutes());
    for (int i = 1; i < emitted.size(); i++) {
      if (!emitted.get(i).bucket().equals(emitted.get(i - 1).bucket())
          && emitted.get(i).minute() < emitted.get(i - 1).minute()) {
        throw new AssertionError("not in time order at " + i);
      }
    }
    assertThat(metrics.records(StreamKind.MINUTE)).isEqualTo(emitted.size());
  }

  @Test
  void recordsCarryTheirBucketPartitionKeyTopicAndMinuteTimestamp() {
    startSimulator(simulatorWith(1));

    SourceRecord first =
        drain(stream(fromBackfillStart(), 100, MalformedRowPolicy.FAIL), time.milliseconds())
            .get(0);

    String bucket = bucketIds().get(0);
    assertThat(first.topic()).isEqualTo("flashback.minute");
    assertThat(first.sourcePartition())
        .isEqualTo(SourcePartition.of(StreamKind.MINUTE, bucket).toMap());
    assertThat(first.timestamp()).isEqualTo(HISTORY.toEpochMilli());
    assertThat(key(first).get("minute")).isEqualTo(Date.from(HISTORY));
    assertThat(value(first).getString("bucket_id")).isEqualTo(bucket);
    assertThat(first.headers().lastWithName("flashback.stream").value()).isEqualTo("minute");
  }

  @Test
  void asksOncePerWindowPerChunkOfBucketIds() {
    startSimulator(simulatorWith(5));

    drain(stream(fromBackfillStart(), 2, MalformedRowPolicy.FAIL), time.milliseconds());

    List<LoggedRequest> requests = simulator.requests(SimulatorEndpoint.MINUTE_STATS);
    // 00:00-02:57 is three windows of at most an hour; 5 buckets in chunks of 2 are 3 chunks
    assertThat(requests).hasSize(9);
    assertThat(requests).allSatisfy(r -> assertThat(r.bucketIds().size()).isLessThanOrEqualTo(2));
    assertThat(requests.get(0).query())
        .containsEntry("startDate", "2024-02-01T00:00:00.000Z")
        .containsEntry("endDate", "2024-02-01T00:59:59.999Z");
  }

  @Test
  void aRestartAtAnyRecordResumesWithNoGapAndNoDuplicate() {
    startSimulator(simulatorWith(2).reposPerBucket(2).hostsPerBucket(2));
    long now = time.milliseconds();
    List<SourceRecord> reference =
        drain(stream(fromBackfillStart(), 100, MalformedRowPolicy.FAIL), now);
    List<RowId> all = reference.stream().map(RowId::of).toList();

    // cut between two rows of one minute, at a minute's end, at the very start and near the end
    for (int cut : new int[] {0, 1, 2, 3, 4, 5, 7, 333, 1_000, all.size() - 1, all.size()}) {
      Map<String, MinuteOffset> resumed = fromBackfillStart();
      committedAfter(reference, cut)
          .forEach(
              (partition, offset) ->
                  resumed.put(
                      SourcePartition.fromMap(partition).bucketId(), MinuteOffset.fromMap(offset)));

      List<RowId> again =
          drain(stream(resumed, 100, MalformedRowPolicy.FAIL), now).stream()
              .map(RowId::of)
              .toList();

      List<RowId> combined = new ArrayList<>(all.subList(0, cut));
      combined.addAll(again);
      assertThat(combined).as("cut at %d", cut).doesNotHaveDuplicates();
      assertThat(combined).as("cut at %d", cut).containsExactlyInAnyOrderElementsOf(all);
    }
  }

  @Test
  void lateRowsArrivingWithinTheLagAreIncluded() {
    startSimulator(simulatorWith(2).lateFraction(1.0).lateBy(Duration.ofSeconds(150)));

    List<SourceRecord> records =
        drain(stream(fromBackfillStart(), 100, MalformedRowPolicy.FAIL), time.milliseconds());

    // every minute arrives 2.5 min late; the 3 min lag still sees all of them
    assertThat(records)
        .hasSize(2 * 2 * 2 * (int) Duration.between(HISTORY, READABLE_END).toMinutes());
  }

  @Test
  void aServerAnsweringWithWholeDaysIsFilteredToTheWindow() {
    startSimulator(simulatorWith(2).dayGranularFiltering(true));

    List<RowId> emitted =
        drain(stream(fromBackfillStart(), 100, MalformedRowPolicy.FAIL), time.milliseconds())
            .stream()
            .map(RowId::of)
            .toList();

    assertThat(emitted)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expected(bucketIds()));
  }

  @Test
  void rowsTheServerSendsTwiceOrOutOfOrderAreEmittedOnceInTimeOrder() {
    startSimulator(simulatorWith(2));
    List<String> ids = bucketIds();
    try (ForwardingApiClient doubling =
        new ForwardingApiClient(
            client,
            rows -> {
              List<MinuteStat> twice = new ArrayList<>(rows);
              twice.addAll(rows);
              java.util.Collections.reverse(twice);
              return twice;
            })) {
      MinuteStream stream =
          new MinuteStream(
              new StreamContext(
                  doubling,
                  StreamTestSupport.malformedRows(MalformedRowPolicy.FAIL, metrics),
                  denied,
                  metrics),
              new MinuteSettings(
                  "flashback.minute", LAG, Duration.ofMinutes(1), Duration.ofHours(1), 100),
              fromBackfillStart());

      List<RowId> emitted = drain(stream, time.milliseconds()).stream().map(RowId::of).toList();

      assertThat(emitted)
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(expected(ids));
      assertThat(emitted).extracting(RowId::minute).isSorted();
    }
  }

  @Test
  void aBucketWithoutRowsMovesOnWithoutAskingForTheSameWindowAgain() {
    startSimulator(simulatorWith(2));
    String quiet = bucketIds().get(0);
    try (ForwardingApiClient silencing =
        new ForwardingApiClient(
            client, rows -> rows.stream().filter(r -> !r.bucketId().equals(quiet)).toList())) {
      MinuteStream stream =
          new MinuteStream(
              new StreamContext(
                  silencing,
                  StreamTestSupport.malformedRows(MalformedRowPolicy.FAIL, metrics),
                  denied,
                  metrics),
              new MinuteSettings(
                  "flashback.minute", LAG, Duration.ofMinutes(1), Duration.ofHours(1), 1),
              fromBackfillStart());

      drain(stream, time.milliseconds());
      drain(stream, time.milliseconds());

      // three one-hour windows per bucket (one bucket per request), asked once each
      assertThat(simulator.requests(SimulatorEndpoint.MINUTE_STATS)).hasSize(6);
      assertThat(simulator.requests(SimulatorEndpoint.MINUTE_STATS))
          .filteredOn(r -> r.bucketIds().contains(quiet))
          .hasSize(3);
      assertThat(stream.oldestPosition()).isEqualTo(READABLE_END);
    }
  }

  @Test
  void caughtUpItWaitsForTheNextReadableMinuteWithoutAskingAgain() {
    startSimulator(simulatorWith(2));
    MinuteStream stream = stream(fromBackfillStart(), 100, MalformedRowPolicy.FAIL);
    drain(stream, time.milliseconds());
    int requests = simulator.requests(SimulatorEndpoint.MINUTE_STATS).size();

    assertThat(stream.nextDueMs()).isEqualTo(Instant.parse("2024-02-01T03:01:00Z").toEpochMilli());
    assertThat(stream.poll(time.milliseconds())).isEmpty();
    assertThat(simulator.requests(SimulatorEndpoint.MINUTE_STATS)).hasSize(requests);

    time.setCurrentTimeMs(stream.nextDueMs());
    List<SourceRecord> next = drain(stream, time.milliseconds());
    assertThat(next)
        .hasSize(2 * 2 * 2)
        .allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(READABLE_END.toEpochMilli()));
  }

  @Test
  void aRefusedBucketIsSkippedAndTheOthersGoOn() {
    startSimulator(simulatorWith(3));
    String refused = bucketIds().get(1);
    simulator.denyBucket(refused, 403);

    List<SourceRecord> records =
        drain(stream(fromBackfillStart(), 100, MalformedRowPolicy.FAIL), time.milliseconds());

    assertThat(records).extracting(r -> value(r).getString("bucket_id")).doesNotContain(refused);
    List<String> others = bucketIds().stream().filter(id -> !id.equals(refused)).toList();
    assertThat(records.stream().map(RowId::of).toList())
        .containsExactlyInAnyOrderElementsOf(expected(others));
    assertThat(denied.isSkipped(refused, time.milliseconds())).isTrue();
    assertThat(denied.isSkipped(refused, time.milliseconds() + 300_000)).isFalse();
  }

  @Test
  void malformedRowsGoToTheErrorTopicWithoutMovingTheOffset() {
    startSimulator(simulatorWith(2));
    simulator.faults().malformedRate(SimulatorEndpoint.MINUTE_STATS, 0.02);

    List<SourceRecord> records =
        drain(
            stream(fromBackfillStart(), 100, MalformedRowPolicy.ERROR_TOPIC), time.milliseconds());

    List<SourceRecord> errors =
        records.stream().filter(r -> r.topic().equals(StreamTestSupport.ERROR_TOPIC)).toList();
    List<SimMinuteRow> broken =
        simulator
            .dataset()
            .visibleMinuteRows(bucketIds(), HISTORY, READABLE_END.minusMillis(1), NOW)
            .filter(r -> simulator.malformedRows().minuteRow(r).isPresent())
            .toList();
    assertThat(errors).isNotEmpty().hasSameSizeAs(broken);
    assertThat(errors)
        .allSatisfy(
            e -> {
              assertThat(value(e).getString("stream")).isEqualTo("minute");
              assertThat(value(e).getString("raw_json")).startsWith("{");
              assertThat(MinuteOffset.fromMap(e.sourceOffset()).lastEmitted()).isNull();
            });
    assertThat(records.size() - errors.size())
        .isEqualTo(expected(bucketIds()).size() - broken.size());
    assertThat(metrics.malformedRows(StreamKind.MINUTE)).isEqualTo(broken.size());
  }

  @Test
  void underTheFailPolicyAMalformedRowStopsTheStreamNamingTheRow() {
    startSimulator(simulatorWith(1));
    simulator.faults().malformedRate(SimulatorEndpoint.MINUTE_STATS, 0.5);

    assertThatThrownBy(
            () ->
                drain(
                    stream(fromBackfillStart(), 100, MalformedRowPolicy.FAIL), time.milliseconds()))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(
            "Malformed minute row from the Flashback API of bucket " + bucketIds().get(0))
        .hasMessageContaining("raw row: {");
  }

  @Test
  void underTheSkipPolicyMalformedRowsAreCountedAndTheRestEmitted() {
    startSimulator(simulatorWith(1));
    simulator.faults().malformedRate(SimulatorEndpoint.MINUTE_STATS, 0.1);

    List<SourceRecord> records =
        drain(stream(fromBackfillStart(), 100, MalformedRowPolicy.SKIP), time.milliseconds());

    assertThat(metrics.malformedRows(StreamKind.MINUTE)).isPositive();
    assertThat(records.size() + metrics.malformedRows(StreamKind.MINUTE))
        .isEqualTo(expected(bucketIds()).size());
  }

  /** A row's identity: minute, bucket, repo, host. */
  record RowId(long minute, String bucket, String repo, String host) {
    static RowId of(SourceRecord record) {
      var key = key(record);
      return new RowId(
          ((Date) key.get("minute")).getTime(),
          key.getString("bucket_id"),
          key.getString("repo_id"),
          key.getString("host"));
    }

    static RowId of(SimMinuteRow row) {
      return new RowId(row.minute().toEpochMilli(), row.bucketId(), row.repoId(), row.host());
    }
  }
}
