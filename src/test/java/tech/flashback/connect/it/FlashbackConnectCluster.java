package tech.flashback.connect.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import tech.flashback.connect.FlashbackSourceConnector;
import tech.flashback.connect.simulator.FlashbackSimulator;

/**
 * A real Kafka and Connect cluster in this JVM (KRaft brokers, distributed workers with their REST
 * API) next to an API simulator on loopback, with helpers to deploy the connector and read what it
 * wrote. Logs go to {@code target/test-logs/integration-tests.log}.
 */
public final class FlashbackConnectCluster implements AutoCloseable {

  public static final String CONNECTOR = "flashback";

  private final EmbeddedConnectCluster connect;
  private final FlashbackSimulator simulator;

  private FlashbackConnectCluster(EmbeddedConnectCluster connect, FlashbackSimulator simulator) {
    this.connect = connect;
    this.simulator = simulator;
  }

  /**
   * Starts the simulator and a cluster.
   *
   * @param workers distributed workers
   * @param workerProps worker properties on top of the defaults (e.g. exactly-once support)
   */
  public static FlashbackConnectCluster start(
      FlashbackSimulator simulator, int workers, Map<String, String> workerProps) {
    return start(simulator, workers, workerProps, new Properties());
  }

  /**
   * Like {@link #start(FlashbackSimulator, int, Map)}, with broker properties too (e.g. a fixed
   * listener port so brokers can be stopped and restarted, or transaction log settings).
   */
  public static FlashbackConnectCluster start(
      FlashbackSimulator simulator,
      int workers,
      Map<String, String> workerProps,
      Properties brokerProps) {
    Map<String, String> props = new HashMap<>();
    props.put("plugin.discovery", "service_load");
    props.put("offset.flush.interval.ms", "500");
    props.putAll(workerProps);
    EmbeddedConnectCluster connect =
        new EmbeddedConnectCluster.Builder()
            .name("flashback-it")
            .numBrokers(1)
            .numWorkers(workers)
            .workerProps(props)
            .brokerProps(brokerProps)
            .build();
    connect.start();
    return new FlashbackConnectCluster(connect, simulator.start());
  }

  public EmbeddedConnectCluster connect() {
    return connect;
  }

  public FlashbackSimulator simulator() {
    return simulator;
  }

  /** Connector properties against the simulator, JSON with schemas, plus {@code extra} pairs. */
  public Map<String, String> connectorProps(String... extra) {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", FlashbackSourceConnector.class.getName());
    props.put("tasks.max", "3");
    props.put("key.converter", JsonConverter.class.getName());
    props.put("value.converter", JsonConverter.class.getName());
    props.put("key.converter.schemas.enable", "true");
    props.put("value.converter.schemas.enable", "true");
    props.put("flashback.api.url", simulator.baseUrl());
    props.put("flashback.api.token", simulator.token());
    props.put("flashback.api.retry.backoff.ms", "50");
    props.put("flashback.api.retry.backoff.max.ms", "1000");
    props.put("flashback.bucket.relist.interval.ms", "2000");
    // Connect creates the topics (the broker does not auto-create), the catalog compacted.
    props.put("topic.creation.default.replication.factor", "1");
    props.put("topic.creation.default.partitions", "3");
    props.put("topic.creation.groups", "catalog");
    props.put("topic.creation.catalog.include", "flashback\\.buckets");
    props.put("topic.creation.catalog.partitions", "1");
    props.put("topic.creation.catalog.cleanup.policy", "compact");
    for (int i = 0; i < extra.length; i += 2) {
      props.put(extra[i], extra[i + 1]);
    }
    return props;
  }

  /** Every record now on the topics, decoded with the JSON converter (keys and values). */
  public List<DecodedRecord> readAll(Duration timeout, String... topics) throws Exception {
    JsonConverter keys = converter(true);
    JsonConverter values = converter(false);
    ConsumerRecords<byte[], byte[]> raw = connect.kafka().consumeAll(timeout.toMillis(), topics);
    List<DecodedRecord> decoded = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : raw) {
      SchemaAndValue key = keys.toConnectData(record.topic(), record.key());
      SchemaAndValue value = values.toConnectData(record.topic(), record.value());
      decoded.add(new DecodedRecord(record.topic(), record.timestamp(), key, value));
    }
    return decoded;
  }

  /** Like {@link #readAll}, but a topic the connector has not created yet reads as empty. */
  public List<DecodedRecord> readAllIfPresent(Duration timeout, String... topics) throws Exception {
    Set<String> existing;
    try (var admin = connect.kafka().createAdminClient()) {
      existing = admin.listTopics().names().get();
    }
    String[] present =
        java.util.Arrays.stream(topics).filter(existing::contains).toArray(String[]::new);
    return present.length == 0 ? List.of() : readAll(timeout, present);
  }

  private static JsonConverter converter(boolean isKey) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "true"), isKey);
    return converter;
  }

  /** The topics the connector writes to by default. */
  public static Set<String> defaultTopics() {
    return Set.of(
        "flashback.buckets", "flashback.bucket-totals", "flashback.node-daily", "flashback.minute");
  }

  @Override
  public void close() {
    try {
      connect.stop();
    } finally {
      simulator.close();
    }
  }

  /** One record as a consumer sees it, decoded. */
  public record DecodedRecord(
      String topic, long timestamp, SchemaAndValue key, SchemaAndValue value) {}
}
