package tech.flashback.connect.bench.memory;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import tech.flashback.connect.FlashbackSourceConnector;
import tech.flashback.connect.bench.BenchContext;
import tech.flashback.connect.bench.BenchmarkPart;
import tech.flashback.connect.bench.Section;
import tech.flashback.connect.bench.endtoend.BackfillScenario;
import tech.flashback.connect.bench.endtoend.Topics;
import tech.flashback.connect.simulator.FlashbackSimulator;

/**
 * Target 4: a backfill of 10 million minute rows in a standalone worker with a 256 MB heap, its
 * heap followed through the worker's GC log. The broker and the API simulator run in the
 * benchmark's JVM; the worker is a JVM of its own with the packaged plugin on its plugin path.
 *
 * <p>Options ({@code -Dbench.<name>}): {@code memory.buckets} (200), {@code memory.repos} (2),
 * {@code memory.hosts} (1), {@code memory.minutes} (25000; 10M rows with the others), {@code
 * memory.heap.mb} (256), {@code memory.partitions} (3), {@code memory.deadline} (PT20M).
 */
public final class MemoryBenchmark implements BenchmarkPart {

  static final String ID = "memory";
  static final String CONNECTOR = "flashback-memory";
  static final String TOPIC = "memory.minute";
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(30);
  private static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);
  private static final Duration OFFSETS_DEADLINE = Duration.ofSeconds(60);
  private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(10);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Section run(BenchContext context) throws Exception {
    Options options = Options.from(context);
    Path dir = cleanScratch(context);
    BackfillScenario scenario =
        BackfillScenario.endingNow(
            options.buckets(), options.repos(), options.hosts(), options.minutes());
    EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, brokerProps());
    Outcome outcome;
    try (FlashbackSimulator simulator = scenario.simulator().start()) {
      kafka.start();
      try (Admin admin = kafka.createAdminClient()) {
        Topics topics = new Topics(admin);
        topics.create(TOPIC, options.partitions(), topicConfig());
        outcome = backfill(context, dir, options, scenario, simulator, kafka, topics);
      }
    } finally {
      kafka.stop();
    }
    Path gcLog = dir.resolve("gc.log");
    List<String> gcLines = Files.readAllLines(gcLog);
    HeapProfile profile =
        HeapProfile.of(
            GcLog.parse(gcLines), outcome.created(), outcome.steady(), outcome.finished());
    Path chart = context.docsDir().resolve("benchmarks-memory.png");
    HeapChart.write(chart, profile, options.heapMb());
    return new MemorySection(
            scenario, options, outcome, profile, GcLog.collector(gcLines), context.docsLink(chart))
        .section();
  }

  /** Starts the worker, runs the backfill, stops the worker (so the GC log is complete). */
  private static Outcome backfill(
      BenchContext context,
      Path dir,
      Options options,
      BackfillScenario scenario,
      FlashbackSimulator simulator,
      EmbeddedKafkaCluster kafka,
      Topics topics)
      throws Exception {
    List<String> jvm =
        List.of(
            "-Xms" + options.heapMb() + "m",
            "-Xmx" + options.heapMb() + "m",
            GcLog.xlogOption(dir.resolve("gc.log")));
    try (ConnectWorkerProcess worker =
        ConnectWorkerProcess.start(
            dir, context.workDir().getParent(), workerProps(kafka.bootstrapServers()), jvm)) {
      Instant created = Instant.now();
      Arrival arrival;
      Instant finished;
      boolean answered;
      int failedProbes;
      try (LiveSetProbe probe =
          LiveSetProbe.start(options.probeDelay(), options.probeInterval(), worker.pid())) {
        answered =
            worker.createConnector(CONNECTOR, connectorConfig(simulator, scenario), CREATE_TIMEOUT);
        arrival = awaitAllRows(worker, topics, scenario.rows(), options);
        finished = Instant.now();
        failedProbes = probe.failures();
      }
      long written = topics.endOffsetSum(TOPIC, options.partitions());
      String problem = arrival.problem();
      boolean offsetsAtEnd = problem == null && awaitOffsetsAtEnd(worker, scenario);
      Instant steady = arrival.tenthIn() != null ? arrival.tenthIn() : created;
      return new Outcome(
          problem == null,
          problem,
          created,
          steady,
          finished,
          written,
          offsetsAtEnd,
          answered,
          failedProbes);
    }
  }

  /**
   * When rows reached Kafka.
   *
   * @param problem why not all of them, or null
   * @param tenthIn when a tenth of them were in, or null if they never were
   */
  private record Arrival(String problem, Instant tenthIn) {}

  /** Waits for the expected rows, noting when a tenth of them were there. */
  private static Arrival awaitAllRows(
      ConnectWorkerProcess worker, Topics topics, long expected, Options options) throws Exception {
    Instant tenthIn = null;
    long start = System.nanoTime();
    long nextCheck = start;
    long nextProgress = start + PROGRESS_INTERVAL.toNanos();
    long count;
    while ((count = topics.endOffsetSum(TOPIC, options.partitions())) < expected) {
      long now = System.nanoTime();
      if (tenthIn == null && count * 10 >= expected) {
        tenthIn = Instant.now();
      }
      if (now > nextCheck) {
        String problem = problem(worker, now - start, options.deadline());
        if (problem != null) {
          return new Arrival(problem + " after " + count + " of " + expected + " rows", tenthIn);
        }
        nextCheck = now + CHECK_INTERVAL.toNanos();
      }
      if (now > nextProgress) {
        System.out.printf(
            "  %,d of %,d rows after %d s%n", count, expected, (now - start) / 1_000_000_000);
        nextProgress = now + PROGRESS_INTERVAL.toNanos();
      }
      Thread.sleep(100);
    }
    if (tenthIn == null) {
      tenthIn = Instant.now(); // all rows came before the first look
    }
    return new Arrival(
        count == expected ? null : count + " rows written, " + expected + " expected", tenthIn);
  }

  private static String problem(ConnectWorkerProcess worker, long elapsedNanos, Duration deadline)
      throws InterruptedException {
    try {
      worker.requireAlive();
      JsonNode status = worker.status(CONNECTOR);
      for (JsonNode task : status.path("tasks")) {
        if ("FAILED".equals(task.path("state").asText())) {
          return "task failed: " + firstLine(task.path("trace").asText());
        }
      }
    } catch (IllegalStateException | IOException e) {
      return e.getMessage();
    }
    return elapsedNanos > deadline.toNanos() ? "not done within " + deadline : null;
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /**
   * Waits until the committed offset of every bucket is the end of the history (the worker flushes
   * offsets every 10 s here); false if it does not come.
   */
  private static boolean awaitOffsetsAtEnd(ConnectWorkerProcess worker, BackfillScenario scenario)
      throws Exception {
    long deadline = System.nanoTime() + OFFSETS_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (offsetsAtEnd(worker.offsets(CONNECTOR), scenario)) {
        return true;
      }
      Thread.sleep(1000);
    }
    return false;
  }

  static boolean offsetsAtEnd(JsonNode offsets, BackfillScenario scenario) {
    int atEnd = 0;
    for (JsonNode entry : offsets.path("offsets")) {
      JsonNode offset = entry.path("offset");
      if ("minute".equals(entry.path("partition").path("stream").asText())
          && offset.path("minute").asLong() == scenario.historyEnd().toEpochMilli()
          && !offset.path("partial").asBoolean(false)) {
        atEnd++;
      }
    }
    return atEnd == scenario.buckets();
  }

  private static Path cleanScratch(BenchContext context) throws IOException {
    Path dir = context.scratch(ID);
    // A stale offsets file would make the connector resume instead of backfilling.
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
    return dir;
  }

  private static Properties brokerProps() {
    Properties props = new Properties();
    // Old segments go soon, so 10M rows do not all stay on disk.
    props.put("log.retention.check.interval.ms", "10000");
    return props;
  }

  private static Map<String, String> topicConfig() {
    return Map.of(
        "retention.bytes", Long.toString(256L << 20),
        "segment.bytes", Long.toString(64L << 20));
  }

  private static Map<String, String> workerProps(String bootstrapServers) {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    // Schemas off: the rows are what is measured, not 2 KB of schema per record on the broker.
    props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("key.converter.schemas.enable", "false");
    props.put("value.converter.schemas.enable", "false");
    props.put("offset.flush.interval.ms", "10000");
    props.put("plugin.discovery", "service_load");
    return props;
  }

  private static Map<String, String> connectorConfig(
      FlashbackSimulator simulator, BackfillScenario scenario) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", FlashbackSourceConnector.class.getName());
    config.put("tasks.max", "1");
    config.put("flashback.api.url", simulator.baseUrl());
    config.put("flashback.api.token", simulator.token());
    config.put("flashback.streams", "minute");
    config.put("flashback.topic.prefix", "memory.");
    config.put("flashback.minute.backfill.start", scenario.historyStart().toString());
    // The simulator's clock stands at the history end, so every minute is final already.
    config.put("flashback.minute.lag.ms", "0");
    return config;
  }

  /**
   * How the backfill went.
   *
   * @param completed every expected row is in Kafka
   * @param problem why not, or null
   * @param created when the connector was created
   * @param steady when a tenth of the rows were in Kafka: the pipeline is full from then on
   * @param finished when the last row was in Kafka (or the run gave up)
   * @param rowsWritten rows in the topic at the end
   * @param offsetsAtEnd every bucket's committed offset is the end of the history
   * @param creationAnswered whether {@code POST /connectors} answered
   * @param failedProbes live-set probes that did not complete
   */
  record Outcome(
      boolean completed,
      String problem,
      Instant created,
      Instant steady,
      Instant finished,
      long rowsWritten,
      boolean offsetsAtEnd,
      boolean creationAnswered,
      int failedProbes) {

    Duration duration() {
      return Duration.between(created, finished);
    }
  }

  /** The part's options. */
  record Options(
      int buckets,
      int repos,
      int hosts,
      int minutes,
      int heapMb,
      int partitions,
      Duration deadline,
      Duration probeDelay,
      Duration probeInterval) {

    static Options from(BenchContext context) {
      return new Options(
          context.option("memory.buckets", 200),
          context.option("memory.repos", 2),
          context.option("memory.hosts", 1),
          context.option("memory.minutes", 25_000),
          context.option("memory.heap.mb", 256),
          context.option("memory.partitions", 3),
          context.option("memory.deadline", Duration.ofMinutes(20)),
          context.option("memory.probe.delay", Duration.ofSeconds(10)),
          context.option("memory.probe.interval", Duration.ofSeconds(5)));
    }
  }
}
