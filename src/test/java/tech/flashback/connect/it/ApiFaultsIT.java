package tech.flashback.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.it.OpsSupport.await;
import static tech.flashback.connect.it.OpsSupport.minuteOf;
import static tech.flashback.connect.it.OpsSupport.struct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.flashback.connect.it.FlashbackConnectCluster.DecodedRecord;
import tech.flashback.connect.simulator.Fault;
import tech.flashback.connect.simulator.FaultKind;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.LoggedRequest;
import tech.flashback.connect.simulator.Malformation;
import tech.flashback.connect.simulator.SimBucket;
import tech.flashback.connect.simulator.SimMinuteRow;
import tech.flashback.connect.simulator.SimNodeStat;
import tech.flashback.connect.simulator.SimulatorEndpoint;

/**
 * An unreliable API: bursts of 429 with Retry-After and of 5xx, slow and stalled responses, cut
 * bodies, and malformed rows. The connector stays RUNNING, waits as long as Retry-After says, and
 * ends with complete data; under the {@code error-topic} policy every malformed row is on the error
 * topic with its stream, bucket, raw row and reason, and every good row on its stream's topic.
 *
 * <p>Each test runs its own connector against its own simulator (clean request logs and faults),
 * with its own topics, one after the other on one cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFaultsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BUCKETS = 4;
  private static final int NODES = 3;

  private FlashbackConnectCluster cluster;
  private EmbeddedConnectCluster connect;
  private final List<FlashbackSimulator> simulators = new ArrayList<>();
  private LocalDate firstDay;

  @BeforeAll
  void startCluster() {
    cluster = FlashbackConnectCluster.start(FlashbackSimulator.builder().build(), 1, Map.of());
    connect = cluster.connect();
    firstDay = LocalDate.now(ZoneOffset.UTC).minusDays(2);
  }

  @AfterAll
  void stop() {
    simulators.forEach(FlashbackSimulator::close);
    if (cluster != null) {
      cluster.close();
    }
  }

  private FlashbackSimulator newSimulator() {
    FlashbackSimulator simulator =
        FlashbackSimulator.builder()
            .buckets(BUCKETS)
            .nodesPerBucket(NODES)
            .historyStart(firstDay.atStartOfDay().toInstant(ZoneOffset.UTC))
            .lateFraction(0)
            .start();
    simulators.add(simulator);
    return simulator;
  }

  /** Props for a connector against {@code simulator}, reading minutes from {@code start}. */
  private Map<String, String> props(FlashbackSimulator simulator, Instant start, String... extra) {
    Map<String, String> props =
        cluster.connectorProps(
            "tasks.max", "2",
            "flashback.minute.backfill.start", start.toString(),
            "flashback.minute.lag.ms", "0",
            "flashback.minute.poll.interval.ms", "2000",
            "flashback.minute.window.max.ms", "300000",
            "flashback.node.daily.backfill.start", firstDay.toString(),
            "flashback.node.daily.settle.delay.ms", "0",
            "flashback.buckets.interval.ms", "2000",
            "flashback.bucket.totals.interval.ms", "2000");
    props.put("flashback.api.url", simulator.baseUrl());
    props.put("flashback.api.token", simulator.token());
    for (int i = 0; i < extra.length; i += 2) {
      props.put(extra[i], extra[i + 1]);
    }
    return props;
  }

  @Test
  void throttlingErrorsAndSlowResponsesAreRiddenOutHonouringRetryAfterWithCompleteData()
      throws Exception {
    String name = "faults";
    FlashbackSimulator simulator = newSimulator();
    Instant start = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES);
    // Validation makes one bucket listing without retries, so faults go elsewhere until it ran.
    simulator
        .failNext(SimulatorEndpoint.MINUTE_STATS, 1, Fault.retryAfterSeconds(2))
        .failNext(SimulatorEndpoint.MINUTE_STATS, 1, Fault.serviceUnavailable())
        .failNext(SimulatorEndpoint.MINUTE_STATS, 1, Fault.stall(Duration.ofSeconds(4)))
        .failNext(SimulatorEndpoint.MINUTE_STATS, 1, Fault.truncatedBody())
        .failNext(SimulatorEndpoint.MINUTE_STATS, 1, Fault.retryAfterSeconds(3))
        .failNext(SimulatorEndpoint.MINUTE_STATS, 1, Fault.htmlErrorPage(502))
        .failNext(
            SimulatorEndpoint.BUCKET_TOTALS, 1, Fault.retryAfterHttpDate(Duration.ofSeconds(2)))
        .failNext(SimulatorEndpoint.NODE_DAILY, 2, Fault.jsonError(502))
        .failNext(SimulatorEndpoint.NODE_DAILY, 1, Fault.htmlErrorPage(504));
    simulator
        .faults()
        .latency(SimulatorEndpoint.MINUTE_STATS, Duration.ofMillis(200))
        .latency(SimulatorEndpoint.NODE_DAILY, Duration.ofMillis(100))
        .errorRate(SimulatorEndpoint.BUCKET_TOTALS, 0.2)
        .errorRate(SimulatorEndpoint.NODE_DAILY, 0.2);

    connect.configureConnector(
        name,
        props(
            simulator,
            start,
            "flashback.topic.prefix",
            "faulty.",
            "flashback.api.read.timeout.ms",
            "1500"));
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "2 tasks run");
    simulator.failNext(SimulatorEndpoint.LIST_BUCKETS, 2, Fault.jsonError(500));
    simulator.failNext(SimulatorEndpoint.LIST_BUCKETS, 1, Fault.serviceUnavailable());
    Instant cutoff = simulator.now().truncatedTo(ChronoUnit.MINUTES);

    List<String> buckets = ids(simulator);
    Set<String> expectedMinutes =
        simulator
            .dataset()
            .visibleMinuteRows(buckets, start, cutoff.minusMillis(1), cutoff)
            .map(OpsSupport::rowKey)
            .collect(Collectors.toSet());
    int expectedNodes = 2 * BUCKETS * NODES;

    List<DecodedRecord> minutes =
        awaitWhileRunning(
            name, "faulty.minute", r -> minuteOf(r).isBefore(cutoff), expectedMinutes.size());
    List<DecodedRecord> nodes =
        awaitWhileRunning(name, "faulty.node-daily", r -> true, expectedNodes);
    List<DecodedRecord> totals =
        awaitWhileRunning(name, "faulty.bucket-totals", r -> true, BUCKETS);
    List<DecodedRecord> catalog = awaitWhileRunning(name, "faulty.buckets", r -> true, BUCKETS);
    await(
        "every queued fault served",
        () ->
            List.of(SimulatorEndpoint.values()).stream()
                .mapToInt(e -> simulator.faults().pendingFaults(e))
                .sum(),
        pending -> pending == 0);
    assertRunning(name);
    minutes =
        OpsSupport.read(cluster, "faulty.minute").stream()
            .filter(r -> minuteOf(r).isBefore(cutoff))
            .toList();
    nodes = OpsSupport.read(cluster, "faulty.node-daily");

    List<String> minuteKeys = minutes.stream().map(OpsSupport::rowKey).toList();
    assertThat(minuteKeys).doesNotHaveDuplicates();
    assertThat(new HashSet<>(minuteKeys)).isEqualTo(expectedMinutes);
    assertThat(nodes.stream().map(r -> struct(r.key()).toString()).toList())
        .hasSize(expectedNodes)
        .doesNotHaveDuplicates();
    assertThat(totals.stream().map(OpsSupport::bucketOf).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(buckets);
    assertThat(catalog)
        .extracting(OpsSupport::bucketOf)
        .containsExactlyInAnyOrderElementsOf(buckets);

    assertThat(statuses(simulator)).contains(429, 500, 502, 503, 504);
    assertThat(simulator.requests())
        .anySatisfy(r -> assertThat(r.fault().map(Fault::kind)).contains(FaultKind.STALL))
        .anySatisfy(
            r -> assertThat(r.fault().map(Fault::kind)).contains(FaultKind.TRUNCATED_FIXED_LENGTH));
    assertRetryAfterWasHonoured(simulator);
  }

  /**
   * Each 429 is followed, from the same task (the same request: same path and query, which no other
   * task sends), by its retry no earlier than Retry-After says. Arrival times are on the
   * simulator's clock.
   */
  private static void assertRetryAfterWasHonoured(FlashbackSimulator simulator) {
    List<LoggedRequest> log = simulator.requests();
    List<LoggedRequest> throttled = log.stream().filter(r -> r.status() == 429).toList();
    assertThat(throttled).hasSize(3);
    for (LoggedRequest tooMany : throttled) {
      Duration retryAfter = tooMany.fault().orElseThrow().duration();
      // The first request after it with the same target: its retry. (The log is in completion
      // order, where a stalled request that arrived earlier can come later.)
      LoggedRequest retry =
          log.stream()
              .filter(r -> r != tooMany && r.target().equals(tooMany.target()))
              .filter(r -> !r.time().isBefore(tooMany.time()))
              .min(Comparator.comparing(LoggedRequest::time))
              .orElseThrow(() -> new AssertionError("no retry of " + tooMany.target()));
      assertThat(Duration.between(tooMany.time(), retry.time()))
          .as("wait after the 429 on %s", tooMany.target())
          .isGreaterThanOrEqualTo(retryAfter);
    }
  }

  @Test
  void malformedRowsGoToTheErrorTopicWithStreamBucketRawRowAndReasonAndGoodRowsToTheirTopics()
      throws Exception {
    String name = "malformed";
    FlashbackSimulator simulator = newSimulator();
    simulator
        .faults()
        .malformedRate(SimulatorEndpoint.MINUTE_STATS, 0.05)
        .malformedRate(SimulatorEndpoint.NODE_DAILY, 0.25);
    Instant start = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES);
    connect.configureConnector(
        name, props(simulator, start, "flashback.malformed.row.policy", "error-topic"));
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "2 tasks run");
    Instant cutoff = simulator.now().truncatedTo(ChronoUnit.MINUTES);

    List<String> buckets = ids(simulator);
    List<SimMinuteRow> window =
        simulator
            .dataset()
            .visibleMinuteRows(buckets, start, cutoff.minusMillis(1), cutoff)
            .toList();
    List<SimMinuteRow> badMinutes =
        window.stream().filter(row -> malformation(simulator, row).isPresent()).toList();
    Set<String> goodMinutes =
        window.stream()
            .filter(row -> malformation(simulator, row).isEmpty())
            .map(OpsSupport::rowKey)
            .collect(Collectors.toSet());
    Map<String, Integer> badNodesPerBucket = new TreeMap<>();
    int goodNodes = 0;
    int hugeLatencies = 0;
    for (String bucket : buckets) {
      for (LocalDate day : List.of(firstDay, firstDay.plusDays(1))) {
        for (SimNodeStat stat : simulator.dataset().nodeStats(bucket, day)) {
          Optional<Malformation> broken = simulator.malformedRows().nodeStat(stat);
          // avg_latency_ms is a float64 field: 99999999999999999999999 is a (huge) valid value.
          if (broken.isPresent() && broken.get() != Malformation.BEYOND_INT64) {
            badNodesPerBucket.merge(bucket, 1, Integer::sum);
          } else {
            goodNodes++;
            hugeLatencies += broken.isPresent() ? 1 : 0;
          }
        }
      }
    }
    assertThat(badMinutes).as("the seed breaks some minute rows").isNotEmpty();
    assertThat(badNodesPerBucket).as("the seed breaks some node rows").isNotEmpty();

    awaitWhileRunning(
        name, "flashback.minute", r -> minuteOf(r).isBefore(cutoff), goodMinutes.size());
    awaitWhileRunning(name, "flashback.node-daily", r -> true, goodNodes);
    // Error records of a response are handed over before its good rows: none can be missing now.
    Thread.sleep(2_000); // a poll interval for anything that should not be there
    List<DecodedRecord> errors = OpsSupport.read(cluster, "flashback.errors");
    List<DecodedRecord> minutes =
        OpsSupport.read(cluster, "flashback.minute").stream()
            .filter(r -> minuteOf(r).isBefore(cutoff))
            .toList();
    List<DecodedRecord> nodes = OpsSupport.read(cluster, "flashback.node-daily");
    assertRunning(name);

    List<String> minuteKeys = minutes.stream().map(OpsSupport::rowKey).toList();
    assertThat(minuteKeys).doesNotHaveDuplicates();
    assertThat(new HashSet<>(minuteKeys)).isEqualTo(goodMinutes);
    assertThat(nodes).hasSize(goodNodes);
    assertThat(nodes)
        .filteredOn(r -> struct(r.value()).getFloat64("avg_latency_ms") == 1e23)
        .hasSize(hugeLatencies);

    List<Struct> nodeErrors = valuesOfStream(errors, "node-daily");
    Map<String, Integer> nodeErrorsPerBucket = new TreeMap<>();
    nodeErrors.forEach(v -> nodeErrorsPerBucket.merge(v.getString("bucket_id"), 1, Integer::sum));
    assertThat(nodeErrorsPerBucket).isEqualTo(badNodesPerBucket);
    assertThat(nodeErrors)
        .allSatisfy(
            v -> {
              assertThat(v.getString("error")).isNotBlank();
              assertThat(readJson(v.getString("raw_json")).has("host")).isTrue();
            });

    assertMinuteErrorsAreExactlyTheBrokenRows(simulator, errors, badMinutes, start);
  }

  /**
   * Each minute error record is one broken row of the dataset, found by what the break leaves
   * intact; those inside the checked window are exactly the rows the simulator broke there, and any
   * others are broken rows of later minutes.
   */
  private void assertMinuteErrorsAreExactlyTheBrokenRows(
      FlashbackSimulator simulator,
      List<DecodedRecord> errors,
      List<SimMinuteRow> badInWindow,
      Instant start) {
    List<String> buckets = ids(simulator);
    List<SimMinuteRow> badUpToNow =
        simulator
            .dataset()
            .visibleMinuteRows(buckets, start, simulator.now(), simulator.now())
            .filter(row -> malformation(simulator, row).isPresent())
            .toList();
    Map<String, String> bucketOfRepo = new HashMap<>();
    for (String bucket : buckets) {
      simulator.dataset().repoIds(bucket).forEach(repo -> bucketOfRepo.put(repo, bucket));
    }
    List<SimMinuteRow> matched = new ArrayList<>();
    for (DecodedRecord record : errors) {
      Struct value = struct(record.value());
      if (!"minute".equals(value.getString("stream"))) {
        continue;
      }
      Struct key = struct(record.key());
      assertThat(key.getString("stream")).isEqualTo("minute");
      assertThat(key.getString("bucket_id")).isEqualTo(value.getString("bucket_id"));
      JsonNode raw = readJson(value.getString("raw_json"));
      String bucket = bucketOfRepo.get(raw.get("repoId").asText());
      List<SimMinuteRow> candidates =
          badUpToNow.stream()
              .filter(row -> row.bucketId().equals(bucket))
              .filter(row -> row.host().equals(raw.get("host").asText()))
              .filter(row -> row.repoId().equals(raw.get("repoId").asText()))
              .filter(row -> row.sizeChange() == raw.get("size_change").asLong())
              .filter(row -> row.latencyMs() == raw.get("latency_ms").asLong())
              .filter(
                  row ->
                      !raw.get("timestamp").isNumber()
                          || raw.get("timestamp").asLong() == row.timestampMillis())
              .toList();
      assertThat(candidates).as("the broken row of %s", raw).hasSize(1);
      SimMinuteRow row = candidates.get(0);
      Malformation kind = malformation(simulator, row).orElseThrow();
      assertThat(value.getString("bucket_id"))
          .as("bucket of %s", raw)
          .isEqualTo(kind == Malformation.MISSING_BUCKET_ID ? null : row.bucketId());
      assertThat(value.getString("error")).contains(brokenField(kind));
      matched.add(row);
    }
    assertThat(matched.stream().map(OpsSupport::rowKey).toList()).doesNotHaveDuplicates();
    Set<String> windowKeys =
        badInWindow.stream().map(OpsSupport::rowKey).collect(Collectors.toSet());
    assertThat(
            matched.stream()
                .map(OpsSupport::rowKey)
                .filter(windowKeys::contains)
                .collect(Collectors.toSet()))
        .isEqualTo(windowKeys);
  }

  private static String brokenField(Malformation kind) {
    return switch (kind) {
      case UNPARSABLE_NUMBER -> "'upl_bytes'";
      case UNPARSABLE_TIMESTAMP -> "'timestamp'";
      case MISSING_BUCKET_ID -> "'bucketId'";
      case BEYOND_INT64 -> "'dwl_bytes'";
    };
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("raw_json is not JSON: " + text, e);
    }
  }

  private static List<Struct> valuesOfStream(List<DecodedRecord> errors, String stream) {
    return errors.stream()
        .map(r -> struct(r.value()))
        .filter(v -> stream.equals(v.getString("stream")))
        .toList();
  }

  private static Optional<Malformation> malformation(
      FlashbackSimulator simulator, SimMinuteRow row) {
    return simulator.malformedRows().minuteRow(row);
  }

  private List<DecodedRecord> awaitWhileRunning(
      String name, String topic, java.util.function.Predicate<DecodedRecord> filter, int count)
      throws Exception {
    return await(
        count + " records on " + topic + " with " + name + " running",
        () -> {
          assertRunning(name);
          return OpsSupport.read(cluster, topic).stream().filter(filter).toList();
        },
        records -> records.size() >= count);
  }

  private void assertRunning(String name) {
    ConnectorStateInfo status = connect.connectorStatus(name);
    assertThat(status.connector().state()).as("connector state").isEqualTo("RUNNING");
    assertThat(status.tasks())
        .as("tasks of %s", name)
        .isNotEmpty()
        .allSatisfy(
            t -> assertThat(t.state()).as("task %s: %s", t.id(), t.trace()).isEqualTo("RUNNING"));
  }

  private static List<Integer> statuses(FlashbackSimulator simulator) {
    return simulator.requests().stream().map(LoggedRequest::status).distinct().toList();
  }

  private static List<String> ids(FlashbackSimulator simulator) {
    return simulator.dataset().buckets().stream().map(SimBucket::id).sorted().toList();
  }
}
