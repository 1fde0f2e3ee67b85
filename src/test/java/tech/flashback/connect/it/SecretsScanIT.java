package tech.flashback.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.it.OpsSupport.await;
import static tech.flashback.connect.it.OpsSupport.awaitRecords;
import static tech.flashback.connect.it.OpsSupport.bucketOf;
import static tech.flashback.connect.it.OpsSupport.struct;

import jakarta.ws.rs.core.Response;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tech.flashback.connect.FlashbackSourceConnector;
import tech.flashback.connect.it.FlashbackConnectCluster.DecodedRecord;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.SimBucket;
import tech.flashback.connect.simulator.SimulatorEndpoint;

/**
 * Where the API token and the buckets' storage credentials end up once the connector has been
 * through the operations of the other tests (malformed rows on the error topic and failing a task,
 * bucket churn, an offset rewind, a rotated token that is rejected): nowhere, when the token comes
 * from a config provider.
 *
 * <p>What Connect itself does with a token written literally into the connector config is pinned
 * down by {@link #aLiteralTokenIsKeptInClearInTheConfigTopicAndTheRestApi}: the raw connector
 * config and, because task configs copy it, every task config are stored in the config topic and
 * served by {@code GET /connectors/{name}/config} and {@code GET /connectors/{name}/tasks} in clear
 * (Connect only hides PASSWORD values in logs and validation results). With {@code ${file:...}}
 * Connect keeps the reference in all of those places and resolves it only in the worker's memory,
 * when it starts the connector and each task.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsScanIT {

  private static final String MAIN = "secure";
  private static final String FAILING = "failing";
  private static final String ROTATED = "rotated";
  private static final String LITERAL = "literal";
  private static final Path LOG = Path.of("target", "test-logs", "integration-tests.log");

  private final String token = "tok-" + UUID.randomUUID();
  private final String rejectedToken = "rejected-" + UUID.randomUUID();
  private final String literalToken = "literal-" + UUID.randomUUID();
  private FlashbackConnectCluster cluster;
  private EmbeddedConnectCluster connect;
  private FlashbackSimulator simulator;
  private FlashbackSimulator literalSimulator;
  private Path secrets;
  private Path rotating;

  @BeforeAll
  void startCluster(@TempDir Path secretsDir) throws Exception {
    secrets = secretsDir.resolve("flashback.properties");
    rotating = secretsDir.resolve("rotating.properties");
    Files.writeString(secrets, "token=" + token + "\n");
    Files.writeString(rotating, "token=" + token + "\n");
    simulator = FlashbackSimulator.builder().token(token).buckets(6).lateFraction(0).build();
    cluster =
        FlashbackConnectCluster.start(
            simulator,
            1,
            Map.of(
                "config.providers",
                "file",
                "config.providers.file.class",
                FileConfigProvider.class.getName()));
    connect = cluster.connect();
    literalSimulator =
        FlashbackSimulator.builder().token(literalToken).buckets(2).lateFraction(0).start();
  }

  @AfterAll
  void stop() {
    if (literalSimulator != null) {
      literalSimulator.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String fileRef(Path file) {
    return "${file:" + file + ":token}";
  }

  private Map<String, String> props(String name, Path tokenFile, String... extra) {
    Map<String, String> props =
        cluster.connectorProps(
            "tasks.max", "2",
            "flashback.topic.prefix", name.equals(MAIN) ? "flashback." : name + ".",
            "flashback.minute.backfill.start", "PT20M",
            "flashback.minute.lag.ms", "0",
            "flashback.minute.poll.interval.ms", "2000",
            "flashback.buckets.interval.ms", "2000",
            "flashback.bucket.totals.interval.ms", "2000");
    props.put("flashback.api.token", fileRef(tokenFile));
    for (int i = 0; i < extra.length; i += 2) {
      props.put(extra[i], extra[i + 1]);
    }
    return props;
  }

  @Test
  @Order(1)
  void theConnectorRunsThroughChurnMalformedRowsAndAnOffsetRewindWithATokenFromAFile()
      throws Exception {
    simulator
        .faults()
        .malformedRate(SimulatorEndpoint.LIST_BUCKETS, 0.3)
        .malformedRate(SimulatorEndpoint.MINUTE_STATS, 0.05)
        .malformedRate(SimulatorEndpoint.NODE_DAILY, 0.3)
        .malformedRate(SimulatorEndpoint.BUCKET_TOTALS, 0.3);
    List<SimBucket> broken =
        simulator.dataset().buckets().stream()
            .filter(b -> simulator.malformedRows().bucket(b).isPresent())
            .toList();
    List<String> readable =
        simulator.dataset().buckets().stream()
            .filter(b -> !broken.contains(b))
            .map(SimBucket::id)
            .toList();
    assertThat(broken).as("bucket rows the seed breaks").isNotEmpty();
    assertThat(readable).as("bucket rows the seed leaves readable").hasSizeGreaterThan(1);

    connect.configureConnector(
        MAIN, props(MAIN, secrets, "flashback.malformed.row.policy", "error-topic"));
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(MAIN, 2, "tasks run");
    List<DecodedRecord> errors =
        awaitRecords(
            cluster,
            "flashback.errors",
            r -> "buckets".equals(struct(r.value()).getString("stream")),
            broken.size(),
            "broken bucket rows on the error topic");
    assertThat(errors)
        .allSatisfy(r -> assertThat(struct(r.value()).getString("raw_json")).contains("\"name\""));
    awaitRecords(cluster, "flashback.minute", r -> true, 1, "minute rows");

    String removed = readable.get(0);
    String added = addReadableBucket();
    simulator.removeBucket(removed);
    awaitRecords(
        cluster,
        "flashback.buckets",
        r -> bucketOf(r).equals(removed) && r.value().value() == null,
        1,
        "the removed bucket's tombstone");
    await(
        "a task for the added bucket",
        () -> OpsSupport.taskBuckets(connect, MAIN),
        tasks -> tasks.stream().anyMatch(t -> t.contains(added)));

    connect.stopConnector(MAIN);
    connect.assertions().assertConnectorIsStopped(MAIN, "stopped");
    Map<String, Object> partition = new LinkedHashMap<>();
    partition.put("stream", "minute");
    partition.put("bucket", readable.get(1));
    Instant rewound = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
    assertThat(
            connect.alterSourceConnectorOffset(
                MAIN, partition, Map.of("v", 1, "minute", rewound.toEpochMilli())))
        .contains("altered successfully");
    connect.resumeConnector(MAIN);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(MAIN, 2, "tasks run again");
  }

  /** Adds buckets until one lists readably (the ones in between are broken rows). */
  private String addReadableBucket() {
    while (true) {
      String id = simulator.addBucket();
      SimBucket bucket = simulator.dataset().bucket(id).orElseThrow();
      if (simulator.malformedRows().bucket(bucket).isEmpty()) {
        return id;
      }
    }
  }

  @Test
  @Order(2)
  void aTaskFailedByAMalformedRowShowsTheRawRowWithoutCredentials() throws Exception {
    connect.configureConnector(FAILING, props(FAILING, secrets));

    ConnectorStateInfo status =
        await(
            "a task of " + FAILING + " FAILED",
            () -> connect.connectorStatus(FAILING),
            s -> s.tasks().stream().anyMatch(t -> "FAILED".equals(t.state())));
    String trace =
        status.tasks().stream()
            .filter(t -> "FAILED".equals(t.state()))
            .findFirst()
            .orElseThrow()
            .trace();
    assertThat(trace).contains("Malformed").contains("raw row: {");
    assertNoSecretIn("the failed task's trace", trace);
  }

  @Test
  @Order(3)
  void aRotatedTokenThatTheApiRejectsFailsTheConnectorWithoutShowingIt() throws Exception {
    connect.configureConnector(
        ROTATED, props(ROTATED, rotating, "flashback.malformed.row.policy", "skip"));
    connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning(ROTATED, 1, "tasks run");

    Files.writeString(rotating, "token=" + rejectedToken + "\n");
    connect.restartConnectorAndTasks(ROTATED, false, true, false);

    ConnectorStateInfo status =
        await(
            ROTATED + " and its tasks FAILED",
            () -> connect.connectorStatus(ROTATED),
            s ->
                "FAILED".equals(s.connector().state())
                    && !s.tasks().isEmpty()
                    && s.tasks().stream().allMatch(t -> "FAILED".equals(t.state())));
    assertThat(status.connector().trace()).contains("rejected the API token");
    assertNoSecretIn("the rotated connector's status", status.toString());
  }

  @Test
  @Order(4)
  void connectKeepsOnlyTheFileReferenceInTaskConfigsTheConfigTopicAndTheRestApi() throws Exception {
    for (String name : List.of(MAIN, FAILING, ROTATED)) {
      Path file = name.equals(ROTATED) ? rotating : secrets;
      assertThat(connect.connectorInfo(name).config())
          .containsEntry("flashback.api.token", fileRef(file));
      List<TaskInfo> tasks = connect.taskConfigs(name);
      assertThat(tasks).isNotEmpty();
      for (TaskInfo task : tasks) {
        assertThat(task.config()).containsEntry("flashback.api.token", fileRef(file));
      }
    }
    List<ConsumerRecord<byte[], byte[]>> config = consume(configTopic());
    assertThat(config)
        .filteredOn(r -> text(r.key()).startsWith("task-" + MAIN + "-"))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(text(r.value())).contains(fileRef(secrets)));
  }

  @Test
  @Order(5)
  void aLiteralTokenIsKeptInClearInTheConfigTopicAndTheRestApi() throws Exception {
    Map<String, String> props = props(LITERAL, secrets);
    props.put("flashback.api.url", literalSimulator.baseUrl());
    props.put("flashback.api.token", literalToken);
    connect.configureConnector(LITERAL, props);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(LITERAL, 2, "tasks run");

    assertThat(connect.connectorInfo(LITERAL).config())
        .containsEntry("flashback.api.token", literalToken);
    assertThat(connect.taskConfigs(LITERAL))
        .hasSize(2)
        .allSatisfy(t -> assertThat(t.config()).containsEntry("flashback.api.token", literalToken));
    Set<String> keysWithToken = new TreeSet<>();
    for (ConsumerRecord<byte[], byte[]> record : consume(configTopic())) {
      if (text(record.value()).contains(literalToken)) {
        keysWithToken.add(text(record.key()));
      }
    }
    assertThat(keysWithToken)
        .containsExactlyInAnyOrder(
            "connector-" + LITERAL, "task-" + LITERAL + "-0", "task-" + LITERAL + "-1");
    assertThat(get("connectors/" + LITERAL + "/status")).doesNotContain(literalToken);
    assertThat(get("connectors/" + LITERAL + "/offsets")).doesNotContain(literalToken);
    connect.deleteConnector(LITERAL);
    connect.assertions().assertConnectorDoesNotExist(LITERAL, "deleted");
  }

  @Test
  @Order(6)
  void noTopicRestAnswerOrLogLineHoldsTheTokenOrABucketCredential() throws Exception {
    List<String> topics = allTopics();
    assertThat(topics)
        .contains(
            configTopic(), offsetsTopic(), statusTopic(), "flashback.errors", "flashback.buckets");
    List<ConsumerRecord<byte[], byte[]>> records = consume(topics.toArray(String[]::new));
    assertThat(records).hasSizeGreaterThan(100);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      String where = record.topic() + " record " + text(record.key());
      StringBuilder content = new StringBuilder(text(record.key())).append(text(record.value()));
      for (Header header : record.headers()) {
        content.append(header.key()).append(text(header.value()));
      }
      assertNoSecretIn(where, content.toString());
      if (!record.topic().equals(configTopic())
          || !text(record.key()).startsWith("connector-" + LITERAL)
              && !text(record.key()).startsWith("task-" + LITERAL + "-")) {
        assertThat(content.toString()).as(where).doesNotContain(literalToken);
      }
    }

    for (String name : List.of(MAIN, FAILING, ROTATED)) {
      assertNoSecretIn("REST answers about " + name, restAnswers(name));
    }
    assertNoSecretIn("GET /connectors?expand=...", get("connectors?expand=info&expand=status"));
    assertNoSecretIn("the validation of a config", validationAnswer(props(MAIN, secrets)));

    List<String> leaks = new ArrayList<>();
    List<String> secrets = secrets();
    boolean taskLogged = false;
    try (BufferedReader log = Files.newBufferedReader(LOG, StandardCharsets.UTF_8)) {
      String line;
      while ((line = log.readLine()) != null) {
        taskLogged |= line.contains("Flashback task started");
        for (String secret : secrets) {
          if (line.contains(secret)) {
            leaks.add(line);
          }
        }
        // Only the test's own REST client logs what Connect answered about the literal connector.
        if (line.contains(literalToken) && !line.contains("o.a.k.c.u.clusters.EmbeddedConnect")) {
          leaks.add(line);
        }
      }
    }
    assertThat(taskLogged).as("the log is the cluster's").isTrue();
    assertThat(leaks).as("log lines holding a secret").isEmpty();
  }

  /** Every secret the connector must never write anywhere: the file token and all credentials. */
  private List<String> secrets() {
    List<String> all = new ArrayList<>(List.of(token, rejectedToken));
    all.addAll(simulator.dataset().credentialValues());
    all.addAll(literalSimulator.dataset().credentialValues());
    return all;
  }

  private void assertNoSecretIn(String where, String text) {
    OpsSupport.assertNoneContains(where, text, secrets());
  }

  /** GET config, tasks, status and offsets of one connector, as text. */
  private String restAnswers(String name) throws Exception {
    StringBuilder all = new StringBuilder();
    for (String resource : List.of("", "/config", "/tasks", "/status", "/offsets", "/topics")) {
      all.append(get("connectors/" + name + resource)).append('\n');
    }
    List<ConnectorOffset> offsets = connect.connectorOffsets(name).offsets();
    all.append(offsets);
    return all.toString();
  }

  private String get(String resource) {
    try (Response response = connect.requestGet(connect.endpointForResource(resource))) {
      assertThat(response.getStatus()).as(resource).isLessThan(400);
      return response.getEntity().toString();
    }
  }

  private String validationAnswer(Map<String, String> props) throws Exception {
    Map<String, String> body = new HashMap<>(props);
    body.put("name", "validation-only");
    String url =
        connect.endpointForResource(
            "connector-plugins/" + FlashbackSourceConnector.class.getName() + "/config/validate");
    try (Response response =
        connect.requestPut(
            url, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body))) {
      String text = response.getEntity().toString();
      assertThat(response.getStatus()).as(text).isEqualTo(200);
      assertThat(text).contains("\"error_count\":0");
      return text;
    }
  }

  private List<String> allTopics() throws Exception {
    try (Admin admin = connect.kafka().createAdminClient()) {
      return new ArrayList<>(
          admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get());
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> consume(String... topics) throws Exception {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    connect.kafka().consumeAll(Duration.ofSeconds(30).toMillis(), topics).forEach(records::add);
    return records;
  }

  private String configTopic() throws Exception {
    return internalTopic("config");
  }

  private String offsetsTopic() throws Exception {
    return internalTopic("offset");
  }

  private String statusTopic() throws Exception {
    return internalTopic("status");
  }

  /**
   * Connect's internal topics as the embedded cluster names them ({@code connect-...-topic-...}).
   */
  private String internalTopic(String kind) throws Exception {
    return allTopics().stream()
        .filter(t -> t.startsWith("connect-") && t.contains(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " topic"));
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }
}
