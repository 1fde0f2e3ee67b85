package tech.flashback.connect.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.stream.StreamTestSupport.drain;
import static tech.flashback.connect.stream.StreamTestSupport.key;
import static tech.flashback.connect.stream.StreamTestSupport.value;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.client.ApiResult;
import tech.flashback.connect.client.BucketDenial;
import tech.flashback.connect.client.FlashbackApiClient;
import tech.flashback.connect.client.OkHttpFlashbackApiClient;
import tech.flashback.connect.client.model.BucketTotals;
import tech.flashback.connect.config.MalformedRowPolicy;
import tech.flashback.connect.metrics.TaskMetrics;
import tech.flashback.connect.offset.TotalsOffset;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.SimTotals;
import tech.flashback.connect.simulator.SimulatorEndpoint;

class BucketTotalsStreamTest {

  private static final Instant NOW = Instant.parse("2024-02-01T12:07:10Z");
  private static final Instant SLOT = Instant.parse("2024-02-01T12:05:00Z");

  private final MockTime time = new MockTime(0, NOW.toEpochMilli(), 0);
  private FlashbackSimulator simulator;
  private OkHttpFlashbackApiClient client;

  @BeforeEach
  void start() {
    simulator =
        FlashbackSimulator.builder()
            .time(time)
            .buckets(5)
            .historyStart(Instant.parse("2024-02-01T00:00:00Z"))
            .largeCounters(true)
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

  private BucketTotalsStream stream(Map<String, Instant> lastSnapshots) {
    return stream(client, lastSnapshots);
  }

  private BucketTotalsStream stream(FlashbackApiClient api, Map<String, Instant> lastSnapshots) {
    return new BucketTotalsStream(
        new StreamContext(
            api,
            StreamTestSupport.malformedRows(MalformedRowPolicy.FAIL, TaskMetrics.detached()),
            new DeniedBuckets(300_000),
            TaskMetrics.detached()),
        new TotalsSettings("flashback.bucket-totals", Duration.ofMinutes(5), 2),
        lastSnapshots);
  }

  private Map<String, Instant> never() {
    Map<String, Instant> none = new HashMap<>();
    bucketIds().forEach(id -> none.put(id, null));
    return none;
  }

  @Test
  void oneSnapshotPerBucketOnTheIntervalGridMatchingTheApiExactly() {
    List<SourceRecord> records = drain(stream(never()), time.milliseconds());

    assertThat(records).hasSize(5);
    assertThat(simulator.requests(SimulatorEndpoint.BUCKET_TOTALS)).hasSize(3); // chunks of 2
    for (SourceRecord record : records) {
      String bucket = value(record).getString("bucket_id");
      SimTotals expected = simulator.dataset().totals(bucket, NOW);
      assertThat(value(record).getInt64("total_upload_bytes"))
          .isEqualTo(expected.totalUploadBytes());
      assertThat(value(record).getInt64("total_size_change")).isEqualTo(expected.totalSizeChange());
      assertThat(key(record).get("snapshot_time")).isEqualTo(Date.from(SLOT));
      assertThat(record.timestamp()).isEqualTo(SLOT.toEpochMilli());
      assertThat(TotalsOffset.fromMap(record.sourceOffset())).isEqualTo(new TotalsOffset(SLOT));
    }
    assertThat(records).anyMatch(r -> value(r).getInt64("total_upload_bytes") > (1L << 53));
  }

  @Test
  void theNextSnapshotIsDueOnTheNextSlotAndARestartKeepsTheCadence() {
    BucketTotalsStream stream = stream(never());
    drain(stream, time.milliseconds());

    assertThat(stream.nextDueMs()).isEqualTo(SLOT.plusSeconds(300).toEpochMilli());
    assertThat(stream.poll(time.milliseconds())).isEmpty();

    Map<String, Instant> stored = new HashMap<>();
    bucketIds().forEach(id -> stored.put(id, SLOT));
    BucketTotalsStream restarted = stream(stored);
    assertThat(drain(restarted, time.milliseconds())).isEmpty();
    assertThat(simulator.requests(SimulatorEndpoint.BUCKET_TOTALS)).hasSize(3);

    time.setCurrentTimeMs(SLOT.plusSeconds(300).toEpochMilli());
    assertThat(drain(restarted, time.milliseconds())).hasSize(5);
  }

  @Test
  void eachAskedBucketGivesOneRecordWhateverElseTheAnswerHolds() {
    List<String> ids = bucketIds();
    String refused = ids.get(1);
    FlashbackApiClient answering =
        new ForwardingApiClient(client, rows -> rows) {
          @Override
          public ApiResult<BucketTotals> bucketTotals(Collection<String> asked) {
            List<BucketTotals> rows = new ArrayList<>();
            for (String id : asked) {
              rows.add(new BucketTotals(id, 1L, 2L, 3L, 4L));
              rows.add(new BucketTotals(id, 9L, 9L, 9L, 9L)); // a second row: dropped
            }
            rows.add(new BucketTotals("not-asked", 1L, 1L, 1L, 1L));
            List<BucketDenial> denied =
                asked.contains(refused) ? List.of(new BucketDenial(refused, 403, "no")) : List.of();
            return new ApiResult<>(rows, List.of(), denied);
          }
        };
    List<SourceRecord> records = drain(stream(answering, never()), time.milliseconds());

    assertThat(records)
        .extracting(r -> value(r).getString("bucket_id"))
        .containsExactly(ids.get(0), ids.get(2), ids.get(3), ids.get(4));
    assertThat(records).allMatch(r -> value(r).getInt64("total_count") == 1L);
  }
}
