package tech.flashback.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tech.flashback.connect.client.OkHttpFlashbackApiClient;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.SimulatorEndpoint;
import tech.flashback.connect.testing.LogCapture;

class FlashbackSourceTaskTest {

  private static final Instant NOW = Instant.parse("2024-02-01T02:00:30Z");

  /** 01:00 to 01:56 are readable at NOW with the 3 minute lag: 57 minutes. */
  private static final int MINUTE_ROWS = 57 * 2 * 2 * 2;

  /** Jan 30 and 31 are closed (settle 1 h); 3 nodes per bucket. */
  private static final int NODE_ROWS = 2 * 2 * 3;

  @RegisterExtension final LogCapture logs = new LogCapture();

  private final MockTime time = new MockTime(0, NOW.toEpochMilli(), 0);
  private final List<FlashbackSourceTask> tasks = new ArrayList<>();
  private FlashbackSimulator simulator;

  @BeforeEach
  void start() {
    simulator =
        FlashbackSimulator.builder()
            .time(time)
            .buckets(2)
            .reposPerBucket(2)
            .hostsPerBucket(2)
            .nodesPerBucket(3)
            .historyStart(Instant.parse("2024-01-30T00:00:00Z"))
            .start();
  }

  @AfterEach
  void stop() {
    tasks.forEach(FlashbackSourceTask::stop);
    simulator.close();
  }

  private Map<String, String> props(String... extra) {
    Map<String, String> props = new HashMap<>();
    props.put("flashback.api.url", simulator.baseUrl());
    props.put("flashback.api.token", simulator.token());
    props.put("flashback.api.retry.max.attempts", "2");
    props.put("flashback.api.retry.backoff.ms", "1");
    props.put("flashback.api.retry.backoff.max.ms", "1000");
    props.put("flashback.minute.backfill.start", "2024-02-01T01:00:00Z");
    props.put("flashback.node.daily.backfill.start", "2024-01-30");
    props.put("flashback.poll.max.records", "100");
    props.put(
        "flashback.task.bucket.ids",
        String.join(",", simulator.dataset().buckets().stream().map(b -> b.id()).toList()));
    props.put("flashback.task.catalog.owner", "true");
    for (int i = 0; i < extra.length; i += 2) {
      props.put(extra[i], extra[i + 1]);
    }
    return props;
  }

  private TestSourceTaskContext startTask(
      Map<String, String> props, InMemoryOffsetReader offsets, long maxIdleMs) {
    FlashbackSourceTask task =
        new FlashbackSourceTask(
            time, settings -> new OkHttpFlashbackApiClient(settings, time), maxIdleMs);
    TestSourceTaskContext context = new TestSourceTaskContext(props, offsets);
    task.initialize(context);
    task.start(props);
    tasks.add(task);
    return context;
  }

  private FlashbackSourceTask task() {
    return tasks.get(tasks.size() - 1);
  }

  /** Polls until two polls in a row return nothing; checks the batch cap on the way. */
  private List<SourceRecord> pollUntilIdle() throws InterruptedException {
    List<SourceRecord> all = new ArrayList<>();
    int idle = 0;
    while (idle < 2) {
      List<SourceRecord> batch = task().poll();
      if (batch == null || batch.isEmpty()) {
        idle++;
      } else {
        idle = 0;
        assertThat(batch).hasSizeLessThanOrEqualTo(100);
        all.addAll(batch);
      }
    }
    return all;
  }

  private static long count(List<SourceRecord> records, String topic) {
    return records.stream().filter(r -> r.topic().equals(topic)).count();
  }

  @Test
  void everyStreamDeliversToItsTopicInCappedBatchesAfterOneOffsetRead() throws Exception {
    TestSourceTaskContext context = startTask(props(), new InMemoryOffsetReader(), 20);

    List<SourceRecord> records = pollUntilIdle();

    assertThat(count(records, "flashback.buckets")).isEqualTo(2);
    assertThat(count(records, "flashback.bucket-totals")).isEqualTo(2);
    assertThat(count(records, "flashback.node-daily")).isEqualTo(NODE_ROWS);
    assertThat(count(records, "flashback.minute")).isEqualTo(MINUTE_ROWS);
    assertThat(context.offsets.calls).hasValue(1);
  }

  @Test
  void aRestartedTaskResumesFromItsOffsetsWithoutRepeatingAnything() throws Exception {
    startTask(props(), new InMemoryOffsetReader(), 20);
    List<SourceRecord> first = pollUntilIdle();
    task().stop();
    InMemoryOffsetReader stored = new InMemoryOffsetReader();
    first.forEach(r -> stored.stored.put(r.sourcePartition(), new HashMap<>(r.sourceOffset())));

    startTask(props(), stored, 20);
    assertThat(pollUntilIdle()).isEmpty();

    time.setCurrentTimeMs(NOW.plus(Duration.ofMinutes(1)).toEpochMilli());
    List<SourceRecord> next = pollUntilIdle();
    assertThat(next)
        .hasSize(2 * 2 * 2)
        .allSatisfy(r -> assertThat(r.topic()).isEqualTo("flashback.minute"));
  }

  @Test
  void anIdlePollReturnsNullWithinAboutASecond() throws Exception {
    startTask(props(), new InMemoryOffsetReader(), FlashbackSourceTask.DEFAULT_MAX_IDLE_MS);
    pollUntilIdle();

    long started = System.nanoTime();
    assertThat(task().poll()).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
  }

  @Test
  void stopWakesAPollThatIsWaiting() throws Exception {
    // Only totals: after the first snapshot nothing is due for five (mock) minutes, so the next
    // poll waits its full idle limit of a minute unless stop() wakes it.
    startTask(props("flashback.streams", "bucket-totals"), new InMemoryOffsetReader(), 60_000);
    assertThat(task().poll()).hasSize(2);
    CompletableFuture<List<SourceRecord>> poll =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return task().poll();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(100);
    assertThat(poll).isNotDone();

    long stopped = System.nanoTime();
    task().stop();

    assertThat(poll.get(1, TimeUnit.SECONDS)).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aRejectedTokenFailsTheTaskWithoutShowingTheToken() {
    startTask(props("flashback.api.token", "wrong-token-77aa"), new InMemoryOffsetReader(), 20);

    assertThatThrownBy(() -> task().poll())
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("rejected the API token")
        .hasMessageNotContaining("wrong-token-77aa");
  }

  @Test
  void aStreamWhoseApiIsDownIsDeferredWhileTheOthersGoOnAndNothingIsLost() throws Exception {
    simulator.faults().errorRate(SimulatorEndpoint.MINUTE_STATS, 1.0);
    startTask(props(), new InMemoryOffsetReader(), 20);

    List<SourceRecord> duringOutage = pollUntilIdle();
    assertThat(count(duringOutage, "flashback.minute")).isZero();
    assertThat(count(duringOutage, "flashback.node-daily")).isEqualTo(NODE_ROWS);

    simulator.faults().errorRate(SimulatorEndpoint.MINUTE_STATS, 0.0);
    time.sleep(1_000); // the task's retry delay (retry.backoff.max.ms)
    List<SourceRecord> after = pollUntilIdle();
    assertThat(count(after, "flashback.minute")).isEqualTo(MINUTE_ROWS);
  }

  @Test
  void metricsCountRecordsPerStreamAndTheClientsRequests() throws Exception {
    TestSourceTaskContext context = startTask(props(), new InMemoryOffsetReader(), 20);
    pollUntilIdle();

    assertThat(context.metric("records-total", Map.of("stream", "minute"))).isEqualTo(MINUTE_ROWS);
    assertThat(context.metric("records-total", Map.of("stream", "node-daily")))
        .isEqualTo(NODE_ROWS);
    assertThat(context.metric("api-requests-total", Map.of("endpoint", "node-daily"))).isEqualTo(4);
    assertThat(context.metric("api-requests-total", Map.of("endpoint", "minute-stats")))
        .isEqualTo(1);
    assertThat(context.metric("malformed-rows-total", Map.of("stream", "minute"))).isZero();
    // oldest minute not yet emitted is 01:57, NOW is 02:00:30
    assertThat(context.metric("minute-lag-ms", Map.of())).isEqualTo(210_000);
  }

  @Test
  void noTokenOrBucketCredentialReachesARecordAnOffsetOrALogLine() throws Exception {
    startTask(props(), new InMemoryOffsetReader(), 20);
    List<String> secrets = new ArrayList<>(simulator.dataset().credentialValues());
    secrets.add(simulator.token());

    List<SourceRecord> records = pollUntilIdle();

    assertThat(records)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(String.valueOf(r.key())).doesNotContain(secrets);
              assertThat(String.valueOf(r.value())).doesNotContain(secrets);
              assertThat(String.valueOf(r.sourceOffset())).doesNotContain(secrets);
              assertThat(String.valueOf(r.sourcePartition())).doesNotContain(secrets);
            });
    assertThat(logs.lines())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).doesNotContain(secrets));
  }
}
