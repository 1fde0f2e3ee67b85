package tech.flashback.connect.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The end-to-end scenario on the docker/ stack itself ({@code docker/compose.yaml}): Confluent's
 * Kafka, Schema Registry and Kafka Connect images with the plugin folder {@code mvn package} built,
 * the simulator image built from this repository, and the deploy service that creates the connector
 * through the REST API. Every stream reaches its topic as Avro written by Confluent's own
 * converter, with the schemas of {@code src/test/resources/schemas}, registered in the registry;
 * the catalog topic is compacted.
 *
 * <p>Skipped where no Docker engine runs (as on the build machines). On a machine with Docker and
 * Compose v2 ({@code docker compose}), after nothing but a checkout:
 *
 * <pre>
 * mvn -B -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ConfluentStackIT verify
 * </pre>
 *
 * The stack publishes its ports on free host ports chosen here, so a stack started by hand on the
 * default ports can keep running. Container logs go to {@code target/test-logs/}.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfluentStackIT {

  private static final Logger log = LoggerFactory.getLogger(ConfluentStackIT.class);
  private static final Path COMPOSE = Path.of("docker", "compose.yaml");
  private static final String CONNECTOR = "flashback-simulator";
  private static final String PROJECT = "flashbackstackit";
  private static final Duration STARTUP = Duration.ofMinutes(10);
  private static final Duration RECORDS = Duration.ofMinutes(4);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Topic to the simple name of its schemas, {@code tech.flashback.connect.<name>Key/Value}. */
  private static final Map<String, String> SCHEMAS =
      Map.of(
          "flashback.buckets", "Bucket",
          "flashback.bucket-totals", "BucketTotals",
          "flashback.node-daily", "NodeDaily",
          "flashback.minute", "MinuteStats");

  /** Topic to the stream named in each record's {@code flashback.stream} header. */
  private static final Map<String, String> STREAMS =
      Map.of(
          "flashback.buckets", "buckets",
          "flashback.bucket-totals", "bucket-totals",
          "flashback.node-daily", "node-daily",
          "flashback.minute", "minute");

  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private ComposeContainer stack;
  private int kafkaPort;
  private int registryPort;
  private int connectPort;

  @BeforeAll
  void startTheStack() throws IOException {
    kafkaPort = freePort();
    registryPort = freePort();
    connectPort = freePort();
    stack =
        new ComposeContainer(PROJECT, COMPOSE.toAbsolutePath().toFile())
            .withEnv(
                Map.of(
                    "KAFKA_HOST_PORT", Integer.toString(kafkaPort),
                    "SCHEMA_REGISTRY_HOST_PORT", Integer.toString(registryPort),
                    "CONNECT_HOST_PORT", Integer.toString(connectPort),
                    "SIMULATOR_HOST_PORT", Integer.toString(freePort())))
            .withBuild(true)
            .withPull(false)
            .withStartupTimeout(STARTUP)
            .withLogConsumer("connect", new Slf4jLogConsumer(log).withPrefix("connect"))
            .withLogConsumer("simulator", new Slf4jLogConsumer(log).withPrefix("simulator"))
            .waitingFor("connect", Wait.forHealthcheck().withStartupTimeout(STARTUP));
    stack.start();
  }

  @AfterAll
  void stopTheStack() {
    if (stack != null) {
      stack.stop();
    }
  }

  @Test
  void theDeployServiceCreatesTheConnectorAndItsTasksRun() throws Exception {
    JsonNode status =
        await(
            "connector " + CONNECTOR + " and its 2 tasks RUNNING",
            () -> get(connectPort, "/connectors/" + CONNECTOR + "/status"),
            s ->
                s != null
                    && s.path("connector").path("state").asText().equals("RUNNING")
                    && s.path("tasks").size() == 2
                    && allRunning(s.path("tasks")),
            STARTUP);
    assertThat(status.path("type").asText()).isEqualTo("source");

    InspectContainerResponse deploy =
        await("the deploy service to exit", this::deployContainer, c -> !isRunning(c), STARTUP);
    assertThat(deploy.getState().getExitCodeLong()).isZero();
  }

  @Test
  void everyStreamReachesItsTopicAsAvroWithTheCommittedSchemas() throws Exception {
    Map<String, List<ConsumerRecord<byte[], byte[]>>> records = awaitRecordsOnEveryTopic();

    for (Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> topic : records.entrySet()) {
      String name = SCHEMAS.get(topic.getKey());
      for (ConsumerRecord<byte[], byte[]> record : topic.getValue()) {
        GenericRecord key = decode(record.key(), "tech.flashback.connect." + name + "Key");
        if (record.value() == null) {
          assertThat(topic.getKey())
              .as("only the catalog has tombstones")
              .isEqualTo("flashback.buckets");
          continue;
        }
        GenericRecord value = decode(record.value(), "tech.flashback.connect." + name + "Value");
        assertThat(value.get("bucket_id").toString())
            .isNotBlank()
            .isEqualTo(key.get("bucket_id").toString());
        if (!name.equals("Bucket")) {
          assertThat(eventTime(name, value))
              .as("the record timestamp")
              .isEqualTo(record.timestamp());
        }
        Header stream = record.headers().lastHeader("flashback.stream");
        assertThat(stream).as("the flashback.stream header on %s", topic.getKey()).isNotNull();
        assertThat(new String(stream.value(), StandardCharsets.UTF_8))
            .isEqualTo(STREAMS.get(topic.getKey()));
      }
    }
    for (Schema registered : schemasById.values()) {
      assertMatchesTheCommittedSchema(registered);
    }
    JsonNode subjects = get(registryPort, "/subjects");
    for (String topic : SCHEMAS.keySet()) {
      assertThat(subjects.toString()).contains(topic + "-key", topic + "-value");
    }
  }

  @Test
  void connectCreatesTheTopicsWithTheConfiguredSettingsTheCatalogCompacted() throws Exception {
    awaitRecordsOnEveryTopic();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort))) {
      Map<String, TopicDescription> topics =
          admin.describeTopics(SCHEMAS.keySet()).allTopicNames().get();
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(
                  SCHEMAS.keySet().stream()
                      .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                      .toList())
              .all()
              .get();
      for (String topic : SCHEMAS.keySet()) {
        String policy =
            configs
                .get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .get("cleanup.policy")
                .value();
        int partitions = topics.get(topic).partitions().size();
        if (topic.equals("flashback.buckets")) {
          assertThat(policy).as(topic).isEqualTo("compact");
          assertThat(partitions).as(topic).isEqualTo(1);
        } else {
          assertThat(policy).as(topic).isEqualTo("delete");
          assertThat(partitions).as(topic).isEqualTo(3);
        }
      }
    }
  }

  /** Reads every topic from the start until each has records (the backfill runs at once). */
  private Map<String, List<ConsumerRecord<byte[], byte[]>>> awaitRecordsOnEveryTopic()
      throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, List<ConsumerRecord<byte[], byte[]>>> records = new HashMap<>();
    long deadline = System.nanoTime() + RECORDS.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      Set<TopicPartition> assigned = Set.of();
      while (records.size() < SCHEMAS.size()) {
        assertThat(System.nanoTime())
            .as("records on every topic within %s; so far %s", RECORDS, records.keySet())
            .isLessThan(deadline);
        Set<TopicPartition> existing = partitionsOfExistingTopics(consumer);
        if (!existing.equals(assigned)) {
          // A topic Connect created since: read it from its start (the others from here on).
          Set<TopicPartition> added = new HashSet<>(existing);
          added.removeAll(assigned);
          consumer.assign(existing);
          consumer.seekToBeginning(added);
          assigned = existing;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          records.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record);
        }
      }
    }
    return records;
  }

  /** The partitions of the stream topics Connect has created so far. */
  private static Set<TopicPartition> partitionsOfExistingTopics(
      KafkaConsumer<byte[], byte[]> consumer) {
    Set<TopicPartition> partitions = new HashSet<>();
    consumer
        .listTopics()
        .forEach(
            (topic, infos) -> {
              if (SCHEMAS.containsKey(topic)) {
                infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
              }
            });
    return partitions;
  }

  /**
   * Decodes Confluent's wire format: magic byte 0, the writer schema's registry id (4 bytes), then
   * Avro binary. The writer schema comes from the registry's REST API.
   */
  private GenericRecord decode(byte[] bytes, String expectedSchema) throws Exception {
    assertThat(bytes).as("a key or value of %s", expectedSchema).isNotNull().hasSizeGreaterThan(5);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    assertThat(buffer.get()).as("Confluent's magic byte").isZero();
    Schema writer = registrySchema(buffer.getInt());
    assertThat(writer.getFullName()).isEqualTo(expectedSchema);
    return new GenericDatumReader<GenericRecord>(writer)
        .read(
            null,
            DecoderFactory.get()
                .binaryDecoder(bytes, buffer.position(), bytes.length - buffer.position(), null));
  }

  private Schema registrySchema(int id) throws Exception {
    Schema known = schemasById.get(id);
    if (known == null) {
      known =
          new Schema.Parser()
              .parse(get(registryPort, "/schemas/ids/" + id).path("schema").asText());
      schemasById.put(id, known);
    }
    return known;
  }

  /**
   * What Confluent's converter registered reads and is read by the committed Avro form of the same
   * schema (which AvroSchemaEvolutionTest keeps backward compatible), field for field.
   */
  private static void assertMatchesTheCommittedSchema(Schema registered) throws IOException {
    Schema committed;
    try (InputStream in =
        ConfluentStackIT.class.getResourceAsStream(
            "/schemas/v1/" + registered.getName() + ".avsc")) {
      assertThat(in).as("schemas/v1/%s.avsc", registered.getName()).isNotNull();
      committed = new Schema.Parser().parse(in);
    }
    assertThat(registered.getObjectProp("connect.version")).isEqualTo(1);
    assertThat(registered.getFields().stream().map(Schema.Field::name))
        .containsExactlyElementsOf(committed.getFields().stream().map(Schema.Field::name).toList());
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(committed, registered).getType())
        .as("the committed %s reads what the registry holds", registered.getName())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(registered, committed).getType())
        .as("the registered %s reads data of the committed one", registered.getName())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  /**
   * The event time a record's timestamp must equal, from its value, in epoch milliseconds. (The
   * catalog's records carry the time the catalog was read, which no field holds.)
   */
  private static long eventTime(String schema, GenericRecord value) {
    return switch (schema) {
      case "MinuteStats" -> (Long) value.get("minute");
      case "BucketTotals" -> (Long) value.get("snapshot_time");
      case "NodeDaily" -> ((Integer) value.get("day")) * 86_400_000L;
      default -> throw new IllegalArgumentException("no event time field in " + schema);
    };
  }

  private InspectContainerResponse deployContainer() {
    DockerClient docker = DockerClientFactory.instance().client();
    List<Container> containers =
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of("com.docker.compose.service", "deploy"))
            .exec();
    return containers.stream()
        .filter(
            c -> c.getLabels().getOrDefault("com.docker.compose.project", "").startsWith(PROJECT))
        .findFirst()
        .map(c -> docker.inspectContainerCmd(c.getId()).exec())
        .orElse(null);
  }

  private static boolean isRunning(InspectContainerResponse container) {
    return container == null || Boolean.TRUE.equals(container.getState().getRunning());
  }

  private static boolean allRunning(JsonNode tasks) {
    for (JsonNode task : tasks) {
      if (!task.path("state").asText().equals("RUNNING")) {
        return false;
      }
    }
    return true;
  }

  private JsonNode get(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }

  private static <T> T await(String what, Callable<T> probe, Predicate<T> done, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = probe.call();
        if (done.test(last)) {
          return last;
        }
      } catch (IOException notYet) {
        log.debug("{}: {}", what, notYet.toString());
      }
      Thread.sleep(2_000);
    }
    throw new AssertionError("waited " + timeout + " for " + what + "; last seen: " + last);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
