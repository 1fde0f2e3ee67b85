package tech.flashback.connect.demo;

import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import tech.flashback.connect.simulator.FlashbackSimulator;

/** One run of the demo; {@link #stop()} (Ctrl-C) ends it cleanly from another thread. */
final class Demo {

  static final String CONNECTOR = "flashback-demo";
  static final Path CONNECTOR_CONFIG = Path.of("config", "flashback-source.properties");
  static final List<String> TOPICS =
      List.of(
          "flashback.buckets",
          "flashback.bucket-totals",
          "flashback.node-daily",
          "flashback.minute");
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);
  private static final int SAMPLES_PER_TOPIC = 2;

  private final DemoOptions options;
  private final PrintStream out;
  private final Map<String, String> env;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);

  Demo(DemoOptions options, PrintStream out, Map<String, String> env) {
    this.options = options;
    this.out = out;
    this.env = env;
  }

  /** Runs until the duration has passed or {@link #stop()}; returns the records per topic. */
  Map<String, Long> run() throws Exception {
    boolean realApi = env.containsKey("FLASHBACK_API_TOKEN");
    FlashbackSimulator simulator = realApi ? null : simulator();
    EmbeddedConnectCluster cluster = null;
    try {
      out.println(
          realApi
              ? "Using the real Flashback API at " + realApiUrl()
              : "Started the API simulator at "
                  + simulator.baseUrl()
                  + " with "
                  + options.buckets()
                  + " buckets");
      cluster = cluster();
      out.println(
          "Started Kafka ("
              + cluster.kafka().bootstrapServers()
              + ") and a Connect worker ("
              + cluster.endpointForResource("connectors")
              + ")");
      cluster.configureConnector(CONNECTOR, connectorConfig(simulator));
      out.println(
          "Deployed "
              + CONNECTOR
              + " from "
              + CONNECTOR_CONFIG
              + "; logs in target/demo-logs/demo.log; Ctrl-C stops");
      Map<String, Long> counts = showProgress(cluster);
      printSamples(cluster);
      return counts;
    } finally {
      if (cluster != null) {
        cluster.stop();
      }
      if (simulator != null) {
        simulator.close();
      }
      out.println("Stopped.");
      finished.countDown();
    }
  }

  /** Asks the run to end and waits (briefly) until it has cleaned up. */
  void stop() {
    stopRequested.countDown();
    try {
      finished.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private FlashbackSimulator simulator() {
    return FlashbackSimulator.builder()
        .buckets(options.buckets())
        .workspaces(2)
        .history(Duration.ofDays(2))
        .start();
  }

  private String realApiUrl() {
    return env.getOrDefault("FLASHBACK_API_URL", "https://backend.flashback.tech");
  }

  private static EmbeddedConnectCluster cluster() {
    Map<String, String> worker = new HashMap<>();
    worker.put("plugin.discovery", "service_load");
    worker.put("offset.flush.interval.ms", "1000");
    // The example config reads the token as ${env:FLASHBACK_API_TOKEN}: Connect resolves it and
    // stores only the placeholder.
    worker.put("config.providers", "env");
    worker.put(
        "config.providers.env.class",
        "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    EmbeddedConnectCluster cluster =
        new EmbeddedConnectCluster.Builder()
            .name("flashback-demo")
            .numBrokers(1)
            .numWorkers(1)
            .workerProps(worker)
            .build();
    cluster.start();
    return cluster;
  }

  /** The example connector config from config/, pointed at the simulator when there is one. */
  private Map<String, String> connectorConfig(FlashbackSimulator simulator) throws Exception {
    Properties example = new Properties();
    try (Reader in = Files.newBufferedReader(CONNECTOR_CONFIG)) {
      example.load(in);
    }
    Map<String, String> config = new LinkedHashMap<>();
    example.forEach((key, value) -> config.put((String) key, (String) value));
    config.remove("name");
    config.put("tasks.max", Integer.toString(options.tasks()));
    config.put("key.converter", JsonConverter.class.getName());
    config.put("value.converter", JsonConverter.class.getName());
    config.put("topic.creation.default.replication.factor", "1");
    config.put("topic.creation.default.partitions", "3");
    config.put("topic.creation.groups", "catalog");
    config.put("topic.creation.catalog.include", "flashback\\.buckets");
    config.put("topic.creation.catalog.cleanup.policy", "compact");
    config.put("flashback.bucket.totals.interval.ms", "30000");
    config.put("flashback.buckets.interval.ms", "30000");
    config.put("flashback.minute.poll.interval.ms", "10000");
    config.put("flashback.minute.lag.ms", "150000");
    config.put("flashback.minute.backfill.start", "PT1H");
    config.put("flashback.node.daily.backfill.start", "P2D");
    config.put("flashback.node.daily.settle.delay.ms", "0");
    if (simulator != null) {
      config.put("flashback.api.url", simulator.baseUrl());
      config.put("flashback.api.token", simulator.token());
    } else {
      config.put("flashback.api.url", realApiUrl());
    }
    return config;
  }

  private Map<String, Long> showProgress(EmbeddedConnectCluster cluster) throws Exception {
    Instant started = Instant.now();
    Instant deadline = options.duration() == null ? null : started.plus(options.duration());
    Map<String, Long> counts = Map.of();
    try (Admin admin = cluster.kafka().createAdminClient()) {
      while (true) {
        Duration wait = PROGRESS_EVERY;
        if (deadline != null) {
          Duration left = Duration.between(Instant.now(), deadline);
          wait = left.compareTo(wait) < 0 ? left : wait;
        }
        boolean stop =
            wait.isNegative()
                || stopRequested.await(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
        counts = recordCounts(admin);
        out.println(
            progressLine(Duration.between(started, Instant.now()), counts, minuteLag(cluster)));
        if (stop || deadline != null && !Instant.now().isBefore(deadline)) {
          return counts;
        }
      }
    }
  }

  private static String progressLine(Duration elapsed, Map<String, Long> counts, Duration lag) {
    StringBuilder line =
        new StringBuilder(
            String.format("[%02d:%02d]", elapsed.toMinutes(), elapsed.toSecondsPart()));
    for (String topic : TOPICS) {
      line.append(' ')
          .append(topic.substring("flashback.".length()))
          .append(' ')
          .append(counts.getOrDefault(topic, 0L));
    }
    return line.append(
            lag == null
                ? ""
                : String.format(" | minute lag %dm%02ds", lag.toMinutes(), lag.toSecondsPart()))
        .toString();
  }

  private static Map<String, Long> recordCounts(Admin admin) throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    var existing = admin.listTopics().names().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (var description :
        admin
            .describeTopics(TOPICS.stream().filter(existing::contains).toList())
            .allTopicNames()
            .get()
            .values()) {
      description
          .partitions()
          .forEach(
              p ->
                  latest.put(
                      new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
    }
    admin
        .listOffsets(latest)
        .all()
        .get()
        .forEach((tp, info) -> counts.merge(tp.topic(), info.offset(), Long::sum));
    return counts;
  }

  /** Now minus the oldest committed minute offset: how far the slowest bucket is behind. */
  private static Duration minuteLag(EmbeddedConnectCluster cluster) {
    try {
      long oldest = Long.MAX_VALUE;
      for (ConnectorOffset offset : cluster.connectorOffsets(CONNECTOR).offsets()) {
        // The REST listing can show a partition without its offset while tasks start.
        if ("minute".equals(offset.partition().get("stream"))
            && offset.offset() != null
            && offset.offset().get("minute") instanceof Number minute) {
          oldest = Math.min(oldest, minute.longValue());
        }
      }
      return oldest == Long.MAX_VALUE
          ? null
          : Duration.between(Instant.ofEpochMilli(oldest), Instant.now());
    } catch (RuntimeException e) {
      return null; // offsets are not readable while the connector starts
    }
  }

  private void printSamples(EmbeddedConnectCluster cluster) {
    JsonConverter keys = converter(true);
    JsonConverter values = converter(false);
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    for (String topic : TOPICS) {
      out.println("Sample of " + topic + ":");
      List<ConsumerRecord<byte[], byte[]>> sample = new ArrayList<>();
      try (KafkaConsumer<byte[], byte[]> consumer =
          cluster.kafka().createConsumerAndSubscribeTo(props, topic)) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sample.size() < SAMPLES_PER_TOPIC && System.nanoTime() < until) {
          consumer
              .poll(Duration.ofMillis(200))
              .forEach(
                  r -> {
                    if (sample.size() < SAMPLES_PER_TOPIC) {
                      sample.add(r);
                    }
                  });
        }
      }
      for (ConsumerRecord<byte[], byte[]> record : sample) {
        out.println("  key   " + keys.toConnectData(topic, record.key()).value());
        out.println("  value " + values.toConnectData(topic, record.value()).value());
      }
    }
  }

  private static JsonConverter converter(boolean isKey) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "true"), isKey);
    return converter;
  }
}
