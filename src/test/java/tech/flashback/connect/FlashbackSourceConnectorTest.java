package tech.flashback.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tech.flashback.connect.client.OkHttpFlashbackApiClient;
import tech.flashback.connect.simulator.Fault;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.SimulatorEndpoint;
import tech.flashback.connect.testing.LogCapture;

class FlashbackSourceConnectorTest {

  @RegisterExtension final LogCapture logs = new LogCapture();

  private FlashbackSimulator simulator;
  private FlashbackSourceConnector connector;
  private final RecordingConnectorContext context = new RecordingConnectorContext();

  @BeforeEach
  void start() {
    simulator =
        FlashbackSimulator.builder()
            .time(new MockTime(0, Instant.parse("2024-02-01T12:00:00Z").toEpochMilli(), 0))
            .buckets(7)
            .start();
    connector = new FlashbackSourceConnector();
    connector.initialize(context);
  }

  @AfterEach
  void stop() {
    connector.stop();
    simulator.close();
  }

  private Map<String, String> props(String... extra) {
    Map<String, String> props = new HashMap<>();
    props.put("flashback.api.url", simulator.baseUrl());
    props.put("flashback.api.token", simulator.token());
    props.put("flashback.bucket.relist.interval.ms", "1000");
    for (int i = 0; i < extra.length; i += 2) {
      props.put(extra[i], extra[i + 1]);
    }
    return props;
  }

  private List<String> bucketIds() {
    return simulator.dataset().buckets().stream().map(b -> b.id()).sorted().toList();
  }

  private static List<String> bucketsOf(Map<String, String> taskConfig) {
    String ids = taskConfig.get("flashback.task.bucket.ids");
    return ids.isEmpty() ? List.of() : List.of(ids.split(","));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void bucketsAreSplitOverTasksWithoutOverlapCoveringAllAndStably() throws Exception {
    connector.start(props());
    await(() -> context.reconfigurations.get() > 0);

    List<Map<String, String>> configs = connector.taskConfigs(3);

    assertThat(configs).hasSize(3);
    List<String> assigned = new ArrayList<>();
    configs.forEach(c -> assigned.addAll(bucketsOf(c)));
    assertThat(assigned).doesNotHaveDuplicates().containsExactlyElementsOf(bucketIds());
    assertThat(configs)
        .extracting(c -> c.get("flashback.task.catalog.owner"))
        .containsExactly("true", "false", "false");
    assertThat(configs)
        .allSatisfy(c -> assertThat(c.get("flashback.api.token")).isEqualTo(simulator.token()));
    assertThat(connector.taskConfigs(3)).isEqualTo(configs);
    assertThat(new HashSet<>(configs)).hasSize(3);
  }

  @Test
  void neverMoreTasksThanBuckets() {
    connector.start(props("flashback.bucket.ids", "b-2,b-1"));

    List<Map<String, String>> configs = connector.taskConfigs(10);

    assertThat(configs)
        .extracting(FlashbackSourceConnectorTest::bucketsOf)
        .containsExactly(List.of("b-1"), List.of("b-2"));
    assertThat(simulator.requests()).isEmpty(); // an explicit list needs no listing
  }

  @Test
  void includeAndExcludePatternsSelectTheBuckets() throws Exception {
    connector.start(
        props(
            "flashback.bucket.include.pattern",
            "sim-bucket-00[0-4]",
            "flashback.bucket.exclude.pattern",
            "sim-bucket-002"));
    await(() -> context.reconfigurations.get() > 0);

    Set<String> selected = new HashSet<>();
    connector.taskConfigs(2).forEach(c -> selected.addAll(bucketsOf(c)));

    Set<String> expected = new HashSet<>();
    simulator.dataset().buckets().stream()
        .filter(b -> b.name().matches("sim-bucket-00[0-4]") && !b.name().equals("sim-bucket-002"))
        .forEach(b -> expected.add(b.id()));
    assertThat(selected).hasSize(4).isEqualTo(expected);
  }

  @Test
  void churnTriggersReconfigurationAndAnUnchangedListingDoesNot() throws Exception {
    connector.start(props());
    await(() -> context.reconfigurations.get() == 1);
    int listings = simulator.requests().size();
    await(() -> simulator.requests().size() >= listings + 2); // two more listings, no change
    assertThat(context.reconfigurations).hasValue(1);

    String added = simulator.addBucket();
    await(() -> context.reconfigurations.get() == 2);

    Set<String> assigned = new HashSet<>();
    connector.taskConfigs(3).forEach(c -> assigned.addAll(bucketsOf(c)));
    assertThat(assigned).contains(added).hasSize(8);

    simulator.removeBucket(added);
    await(() -> context.reconfigurations.get() == 3);
    assigned.clear();
    connector.taskConfigs(3).forEach(c -> assigned.addAll(bucketsOf(c)));
    assertThat(assigned).doesNotContain(added).hasSize(7);
  }

  @Test
  void taskConfigsWaitForAFirstListingThatAnswersSoAStandaloneWorkerGetsItsTasks() {
    // A standalone worker asks for task configs once: an exception there leaves the connector
    // without tasks (and its REST request unanswered), so a slow first listing is waited for.
    simulator.faults().latency(Duration.ofMillis(1_500));
    connector.start(props());

    List<Map<String, String>> configs = connector.taskConfigs(2);

    assertThat(configs).hasSize(2);
    assertThat(configs.stream().flatMap(c -> bucketsOf(c).stream()))
        .containsExactlyInAnyOrderElementsOf(bucketIds());
  }

  @Test
  void withoutAListingInTimeTaskConfigsThrowSoTheRunningTasksAreKept() {
    simulator.faults().latency(Duration.ofSeconds(3));
    connector =
        new FlashbackSourceConnector(
            settings -> new OkHttpFlashbackApiClient(settings, Time.SYSTEM),
            Duration.ofMillis(200));
    connector.initialize(context);
    connector.start(props());

    // An empty list would make Connect stop every running task; an exception keeps them and
    // makes Connect ask again.
    long started = System.nanoTime();
    assertThatThrownBy(() -> connector.taskConfigs(2))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("No Flashback bucket listing yet");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aFailedFirstListingEndsTheWaitAtOnce() {
    simulator.failNext(SimulatorEndpoint.LIST_BUCKETS, 1, Fault.jsonError(400));
    connector.start(props());

    long started = System.nanoTime();
    assertThatThrownBy(() -> connector.taskConfigs(2)).isInstanceOf(RetriableException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aRejectedTokenFailsTheConnectorWithoutShowingTheToken() throws Exception {
    Map<String, String> props = props();
    props.put("flashback.api.token", "wrong-token-5f2e9a");
    connector.start(props);

    await(() -> !context.errors.isEmpty());

    assertThat(context.errors.get(0))
        .hasMessageContaining("rejected the API token")
        .hasMessageNotContaining("wrong-token-5f2e9a");
  }

  @Test
  void stopEndsTheMonitorPromptly() {
    connector.start(props("flashback.bucket.relist.interval.ms", "3600000"));
    long started = System.nanoTime();
    connector.stop();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("flashback-bucket-monitor") && t.isAlive());
  }

  @Test
  void taskConfigsAndLogsCarryNoCredentialAndTheTokenOnlyUnderItsPasswordKey() throws Exception {
    List<String> credentials = simulator.dataset().credentialValues();
    connector.start(props());
    await(() -> context.reconfigurations.get() > 0);
    connector.validate(props());

    List<Map<String, String>> configs = connector.taskConfigs(3);

    assertThat(connector.config().configKeys().get("flashback.api.token").type)
        .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    assertThat(configs)
        .isNotEmpty()
        .allSatisfy(
            config ->
                config.forEach(
                    (key, value) -> {
                      assertThat(value).doesNotContain(credentials);
                      if (!key.equals("flashback.api.token")) {
                        assertThat(value).doesNotContain(simulator.token());
                      }
                    }));
    assertThat(logs.lines())
        .isNotEmpty()
        .allSatisfy(
            line -> assertThat(line).doesNotContain(credentials).doesNotContain(simulator.token()));
    assertThat(logs.text()).contains("flashback.api.token = [hidden]");
  }

  @Test
  void exactlyOnceIsSupported() {
    assertThat(connector.exactlyOnceSupport(props())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
  }

  @Test
  void validOffsetsAndResetsAreAcceptedIdempotently() {
    Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
    offsets.put(partition("b-1", "minute"), Map.of("v", 1, "minute", 1_706_745_600_000L));
    offsets.put(partition("b-1", "node-daily"), Map.of("v", 1, "day", "2024-01-31"));
    offsets.put(partition("b-1", "bucket-totals"), null);

    assertThat(connector.alterOffsets(props(), offsets)).isTrue();
    assertThat(connector.alterOffsets(props(), offsets)).isTrue();
  }

  @Test
  void offsetsAreAcceptedWhateverTheOrderOfThePartitionKeys() {
    // Connect normalizes partitions (a JSON round trip into a HashMap) before it stores them.
    Map<String, Object> streamFirst = new LinkedHashMap<>();
    streamFirst.put("stream", "minute");
    streamFirst.put("bucket", "b-1");

    assertThat(
            connector.alterOffsets(
                props(), Map.of(streamFirst, Map.of("v", 1, "minute", 1_706_745_600_000L))))
        .isTrue();
  }

  /** A bucket partition as Connect stores and shows it: bucket, then stream. */
  private static Map<String, Object> partition(String bucket, String stream) {
    Map<String, Object> partition = new LinkedHashMap<>();
    partition.put("bucket", bucket);
    partition.put("stream", stream);
    return partition;
  }

  @Test
  void malformedOffsetsAreRejectedNamingThePartitionAndTheField() {
    assertThatThrownBy(
            () -> connector.alterOffsets(props(), Map.of(partition("b", "hourly"), Map.of("v", 1))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("Invalid Flashback source partition")
        .hasMessageContaining("unknown stream 'hourly'");
    assertThatThrownBy(
            () ->
                connector.alterOffsets(
                    props(), Map.of(partition("b", "minute"), Map.of("v", 1, "minute", "noon"))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("bucket=b")
        .hasMessageContaining("'minute' must be a number");
    assertThatThrownBy(
            () ->
                connector.alterOffsets(
                    props(),
                    Map.of(partition("b", "node-daily"), Map.of("v", 1, "day", "31/01/2024"))))
        .hasMessageContaining("'day' must be an ISO date");
  }

  @Test
  void validationReportsARejectedTokenOnTheTokenKey() {
    Map<String, String> props = props();
    props.put("flashback.api.token", "wrong-token-5f2e9a");

    Config result = connector.validate(props);

    ConfigValue token =
        result.configValues().stream()
            .filter(v -> v.name().equals("flashback.api.token"))
            .findFirst()
            .orElseThrow();
    assertThat(token.errorMessages())
        .singleElement()
        .asString()
        .contains("token rejected")
        .doesNotContain("wrong-token-5f2e9a");
  }
}
