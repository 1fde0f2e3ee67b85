package tech.flashback.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.it.OpsSupport.await;
import static tech.flashback.connect.it.OpsSupport.bucketOf;
import static tech.flashback.connect.it.OpsSupport.offsetOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.flashback.connect.it.FlashbackConnectCluster.DecodedRecord;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.SimBucket;
import tech.flashback.connect.simulator.SimMinuteRow;

/**
 * Connect's offsets REST API on this connector: {@code GET} shows one offset per bucket and stream
 * (and the catalog's), {@code PATCH} on a stopped connector rewinds one bucket's minute stream so
 * exactly its rewound window is emitted again, {@code DELETE} starts every stream over from the
 * configured start, and malformed offsets are refused with the connector's own message.
 *
 * <p>One cluster and simulator; each test runs its own connector with its own topics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OffsetsRestApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BUCKETS = 3;
  private static final int NODES = 2;
  private static final List<String> BUCKET_STREAMS =
      List.of("minute", "node-daily", "bucket-totals");

  private FlashbackConnectCluster cluster;
  private EmbeddedConnectCluster connect;
  private FlashbackSimulator simulator;
  private LocalDate firstDay;
  private Instant start;
  private List<String> buckets;

  @BeforeAll
  void startCluster() {
    firstDay = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    simulator =
        FlashbackSimulator.builder()
            .buckets(BUCKETS)
            .nodesPerBucket(NODES)
            .historyStart(firstDay.atStartOfDay().toInstant(ZoneOffset.UTC))
            .lateFraction(0)
            .build();
    cluster = FlashbackConnectCluster.start(simulator, 1, Map.of());
    connect = cluster.connect();
    start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
    buckets = simulator.dataset().buckets().stream().map(SimBucket::id).sorted().toList();
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Starts a connector writing to topics {@code <name>.*} and waits until it caught up. */
  private Map<String, Instant> startCaughtUp(String name) throws Exception {
    connect.configureConnector(
        name,
        cluster.connectorProps(
            "tasks.max", "2",
            "flashback.topic.prefix", name + ".",
            "flashback.minute.backfill.start", start.toString(),
            "flashback.minute.lag.ms", "0",
            "flashback.minute.poll.interval.ms", "2000",
            "flashback.minute.window.max.ms", "600000",
            "flashback.node.daily.backfill.start", firstDay.toString(),
            "flashback.node.daily.settle.delay.ms", "0",
            "flashback.buckets.interval.ms", "2000",
            "flashback.bucket.totals.interval.ms", "2000"));
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "tasks run");
    Instant cutoff = simulator.now().truncatedTo(ChronoUnit.MINUTES);
    await(
        name + " caught up to " + cutoff + " with an offset for every partition",
        () -> connect.connectorOffsets(name).offsets(),
        offsets ->
            offsets.size() == 1 + BUCKET_STREAMS.size() * BUCKETS
                && minuteOffsets(offsets).values().stream().allMatch(m -> !m.isBefore(cutoff)));
    return stopped(name);
  }

  /** Stops the connector; returns each bucket's minute offset as the REST API then shows it. */
  private Map<String, Instant> stopped(String name) throws Exception {
    connect.stopConnector(name);
    connect.assertions().assertConnectorIsStopped(name, "connector stops");
    return minuteOffsets(connect.connectorOffsets(name).offsets());
  }

  @Test
  void offsetsShowEveryStreamPerBucketAndRewindingOneBucketReEmitsExactlyItsWindow()
      throws Exception {
    String name = "rewind";
    String topic = name + ".minute";
    Map<String, Instant> stoppedAt = startCaughtUp(name);
    List<ConnectorOffset> offsets = connect.connectorOffsets(name).offsets();

    assertEveryPartitionHasAWellFormedOffset(offsets);
    List<DecodedRecord> before = OpsSupport.read(cluster, topic);
    for (String bucket : buckets) {
      assertThat(before.stream().filter(r -> bucketOf(r).equals(bucket)).map(OpsSupport::minuteOf))
          .as("bucket %s is on the topic up to its stored offset, no further", bucket)
          .allMatch(minute -> minute.isBefore(stoppedAt.get(bucket)))
          .contains(stoppedAt.get(bucket).minus(Duration.ofMinutes(1)));
    }
    assertThat(before.stream().map(OpsSupport::rowKey).toList()).doesNotHaveDuplicates();

    String rewound = buckets.get(1);
    Instant rewoundTo = stoppedAt.get(rewound).minus(Duration.ofMinutes(10));
    String response =
        connect.alterSourceConnectorOffset(
            name, partition("minute", rewound), Map.of("v", 1, "minute", rewoundTo.toEpochMilli()));
    assertThat(response).contains("altered successfully");
    List<ConnectorOffset> altered = connect.connectorOffsets(name).offsets();
    assertThat(minuteOffsets(altered))
        .containsEntry(rewound, rewoundTo)
        .hasSize(BUCKETS)
        .allSatisfy(
            (bucket, minute) -> {
              if (!bucket.equals(rewound)) {
                assertThat(minute).isEqualTo(stoppedAt.get(bucket));
              }
            });
    assertThat(altered.stream().filter(o -> !o.partition().equals(partition("minute", rewound))))
        .containsExactlyInAnyOrderElementsOf(
            offsets.stream()
                .filter(o -> !o.partition().equals(partition("minute", rewound)))
                .toList());

    Instant resumedAt = simulator.now();
    connect.resumeConnector(name);
    await(
        "the rewound bucket caught up again",
        () -> minuteOffsets(connect.connectorOffsets(name).offsets()),
        minutes -> !minutes.get(rewound).isBefore(stoppedAt.get(rewound)));
    List<DecodedRecord> after = OpsSupport.read(cluster, topic);

    Map<String, Long> copies =
        after.stream().collect(Collectors.groupingBy(OpsSupport::rowKey, Collectors.counting()));
    Set<String> repeated =
        copies.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    Set<String> window =
        simulator
            .dataset()
            .minuteRows(rewound, rewoundTo, stoppedAt.get(rewound).minusMillis(1))
            .stream()
            .map(OpsSupport::rowKey)
            .collect(Collectors.toSet());
    assertThat(window).hasSize(10 * 2 * 2);
    assertThat(repeated).as("rows emitted again").isEqualTo(window);
    assertThat(copies.values()).allMatch(n -> n <= 2);
    assertThat(
            simulator.requests().stream()
                .filter(r -> !r.time().isBefore(resumedAt))
                .filter(r -> r.bucketIds().contains(rewound))
                .map(r -> r.query().get("startDate")))
        .as("the rewound bucket is read from the rewound minute on")
        .anySatisfy(startDate -> assertThat(Instant.parse(startDate)).isEqualTo(rewoundTo));
    connect.deleteConnector(name);
  }

  private void assertEveryPartitionHasAWellFormedOffset(List<ConnectorOffset> offsets) {
    List<Map<String, ?>> expected = new ArrayList<>();
    expected.add(Map.of("stream", "buckets"));
    for (String stream : BUCKET_STREAMS) {
      buckets.forEach(bucket -> expected.add(partition(stream, bucket)));
    }
    assertThat(offsets)
        .extracting(ConnectorOffset::partition)
        .containsExactlyInAnyOrderElementsOf(expected);
    for (ConnectorOffset offset : offsets) {
      assertThat(((Number) offset.offset().get("v")).intValue()).isEqualTo(1);
    }
    for (String bucket : buckets) {
      long minute =
          ((Number) offsetOf(offsets, partition("minute", bucket)).get("minute")).longValue();
      assertThat(minute % 60_000).isZero();
      assertThat(offsetOf(offsets, partition("node-daily", bucket)).get("day"))
          .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
      assertThat(offsetOf(offsets, partition("bucket-totals", bucket)).get("snapshot"))
          .isInstanceOf(Number.class);
    }
    String catalog = (String) offsetOf(offsets, Map.of("stream", "buckets")).get("buckets");
    assertThat(catalog).contains(buckets);
  }

  @Test
  void resettingOffsetsStartsEveryStreamOverFromTheConfiguredStart() throws Exception {
    String name = "reset";
    Map<String, Instant> stoppedAt = startCaughtUp(name);
    Map<String, Long> minutesBefore = counts(OpsSupport.read(cluster, name + ".minute"));
    assertThat(minutesBefore.values()).allMatch(n -> n == 1);

    String response = connect.resetConnectorOffsets(name);
    assertThat(response).contains("reset successfully");
    assertThat(connect.connectorOffsets(name).offsets()).isEmpty();

    Instant resumedAt = simulator.now();
    connect.resumeConnector(name);
    await(
        "every bucket caught up again",
        () -> minuteOffsets(connect.connectorOffsets(name).offsets()),
        minutes ->
            minutes.size() == BUCKETS
                && buckets.stream().allMatch(b -> !minutes.get(b).isBefore(stoppedAt.get(b))));

    Map<String, Long> minutesAfter = counts(OpsSupport.read(cluster, name + ".minute"));
    for (String bucket : buckets) {
      for (SimMinuteRow row :
          simulator.dataset().minuteRows(bucket, start, stoppedAt.get(bucket).minusMillis(1))) {
        assertThat(minutesAfter.get(OpsSupport.rowKey(row)))
            .as("copies of %s", OpsSupport.rowKey(row))
            .isEqualTo(2);
      }
    }
    assertThat(minutesAfter.values()).allMatch(n -> n <= 2);
    assertThat(
            simulator.requests().stream()
                .filter(r -> !r.time().isBefore(resumedAt))
                .map(r -> r.query().get("startDate"))
                .filter(s -> s != null))
        .as("minutes are read from the configured start again")
        .anySatisfy(startDate -> assertThat(Instant.parse(startDate)).isEqualTo(start));
    List<DecodedRecord> catalog =
        OpsSupport.awaitRecords(
            cluster, name + ".buckets", r -> true, 2 * BUCKETS, "the catalog emitted again");
    assertThat(counts(catalog, OpsSupport::bucketOf).values()).allMatch(n -> n == 2);
    List<DecodedRecord> nodes =
        OpsSupport.awaitRecords(
            cluster, name + ".node-daily", r -> true, 2 * 2 * BUCKETS * NODES, "node days again");
    assertThat(nodes).hasSize(2 * 2 * BUCKETS * NODES);
    connect.deleteConnector(name);
  }

  @Test
  void malformedOffsetsAreRefusedWithTheConnectorsMessageAndChangeNothing() throws Exception {
    String name = "refuse";
    startCaughtUp(name);
    List<ConnectorOffset> before = connect.connectorOffsets(name).offsets();
    String bucket = buckets.get(0);
    long minute =
        ((Number) offsetOf(before, partition("minute", bucket)).get("minute")).longValue();

    assertRefused(
        name,
        partition("hourly", bucket),
        Map.of("v", 1, "minute", minute),
        "unknown stream 'hourly'; valid streams are buckets, bucket-totals, node-daily, minute");
    assertRefused(
        name,
        partition("minute", bucket),
        Map.of("v", 1, "minute", "yesterday"),
        "offset field 'minute' must be a number, was \"yesterday\"");
    assertRefused(
        name,
        Map.of("stream", "minute"),
        Map.of("v", 1, "minute", minute),
        "a 'minute' partition needs a non-empty 'bucket'");
    assertRefused(
        name,
        partition("minute", bucket),
        Map.of("v", 2, "minute", minute),
        "offset field 'v' must be 1, was 2");
    assertRefused(
        name,
        partition("node-daily", bucket),
        Map.of("v", 1, "day", "15/01/2024"),
        "offset field 'day' must be an ISO date like 2024-01-15, was \"15/01/2024\"");

    assertThat(connect.connectorOffsets(name).offsets())
        .containsExactlyInAnyOrderElementsOf(before);
    connect.resumeConnector(name);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "runs on");
    connect.deleteConnector(name);
  }

  /**
   * A PATCH with one offset is refused with the connector's message. The status is 500: Connect
   * answers 400 only for its own request checks and maps what {@code alterOffsets} throws (a
   * ConnectException, all the Connect API offers) to 500.
   */
  private void assertRefused(
      String name, Map<String, ?> partition, Map<String, ?> offset, String expected)
      throws Exception {
    String url = connect.endpointForResource("connectors/" + name + "/offsets");
    String body =
        JSON.writeValueAsString(
            new ConnectorOffsets(List.of(new ConnectorOffset(partition, offset))));
    try (Response response = connect.requestPatch(url, body)) {
      String text = response.getEntity().toString();
      JsonNode error = JSON.readTree(text);
      assertThat(response.getStatus()).as(text).isEqualTo(500);
      assertThat(error.get("message").asText()).contains(expected);
    }
  }

  /** As an operator writes it, stream first (Connect normalizes the order before storing it). */
  private static Map<String, Object> partition(String stream, String bucket) {
    Map<String, Object> partition = new LinkedHashMap<>();
    partition.put("stream", stream);
    partition.put("bucket", bucket);
    return partition;
  }

  /** Bucket to the "minute" of its minute-stream offset. */
  private static Map<String, Instant> minuteOffsets(List<ConnectorOffset> offsets) {
    Map<String, Instant> minutes = new HashMap<>();
    for (ConnectorOffset offset : offsets) {
      if ("minute".equals(offset.partition().get("stream"))) {
        minutes.put(
            (String) offset.partition().get("bucket"),
            Instant.ofEpochMilli(((Number) offset.offset().get("minute")).longValue()));
      }
    }
    return minutes;
  }

  private static Map<String, Long> counts(List<DecodedRecord> records) {
    return counts(records, OpsSupport::rowKey);
  }

  private static Map<String, Long> counts(
      List<DecodedRecord> records, Function<DecodedRecord, String> key) {
    return records.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }
}
