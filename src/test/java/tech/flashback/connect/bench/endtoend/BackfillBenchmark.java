package tech.flashback.connect.bench.endtoend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.util.ConnectorUtils;
import tech.flashback.connect.bench.BenchContext;
import tech.flashback.connect.bench.BenchmarkPart;
import tech.flashback.connect.bench.Section;
import tech.flashback.connect.it.FlashbackConnectCluster;
import tech.flashback.connect.simulator.FlashbackSimulator;

/**
 * Target 2: a minute backfill through the real Connect runtime against plain producers sending the
 * same records to the same broker, in the same run. See {@link BackfillSection} for the method as
 * the report states it.
 *
 * <p>Options ({@code -Dbench.<name>}): {@code backfill.buckets} (100), {@code backfill.repos} (2),
 * {@code backfill.hosts} (2), {@code backfill.minutes} (1000; 400k rows with the others), {@code
 * backfill.repeats} (3), {@code backfill.warmup.minutes} (the same as measured), {@code
 * backfill.partitions} (3), {@code backfill.tasks} (4, the second connector configuration), {@code
 * backfill.baseline.split} (1: also run one producer per task's share of buckets; 0 skips it).
 */
public final class BackfillBenchmark implements BenchmarkPart {

  static final String ID = "backfill";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Section run(BenchContext context) throws Exception {
    Options options = Options.from(context);
    BackfillScenario scenario =
        BackfillScenario.endingNow(
            options.buckets(), options.repos(), options.hosts(), options.minutes());
    FlashbackSimulator simulator = scenario.simulator();
    // Connect's default offset flush interval (the harness shortens it for tests).
    Map<String, String> workerProps = Map.of("offset.flush.interval.ms", "60000");
    try (FlashbackConnectCluster cluster =
            FlashbackConnectCluster.start(simulator, 1, workerProps);
        Admin admin = cluster.connect().kafka().createAdminClient()) {
      Runner runner = new Runner(cluster, new Topics(admin), scenario, options);
      runner.warmUp();
      for (int rep = 1; rep <= options.repeats(); rep++) {
        runner.measureAll(rep);
      }
      return new BackfillSection(
              scenario,
              options,
              ProducerBaseline.effectiveSettings(cluster.connect().kafka().bootstrapServers()),
              runner.results())
          .section();
    }
  }

  /**
   * The part's options.
   *
   * @param tasks tasks of the second connector configuration
   * @param splitBaseline whether to also run one producer per task's share of the buckets
   */
  record Options(
      int buckets,
      int repos,
      int hosts,
      int minutes,
      int repeats,
      int warmupMinutes,
      int partitions,
      int tasks,
      boolean splitBaseline) {

    static Options from(BenchContext context) {
      int minutes = context.option("backfill.minutes", 1000);
      return new Options(
          context.option("backfill.buckets", 100),
          context.option("backfill.repos", 2),
          context.option("backfill.hosts", 2),
          minutes,
          context.option("backfill.repeats", 3),
          Math.min(minutes, context.option("backfill.warmup.minutes", minutes)),
          context.option("backfill.partitions", 3),
          context.option("backfill.tasks", 4),
          context.option("backfill.baseline.split", 1) != 0);
    }
  }

  /** Runs the measurements, interleaved so that a slow spell of the machine hits every kind. */
  private static final class Runner {
    private final Topics topics;
    private final BackfillScenario scenario;
    private final Options options;
    private final String bootstrap;
    private final ConnectorBackfill connector;
    private final ProducerBaseline baseline;
    private final List<SourceRecord> records;
    private final Map<String, List<Measurement>> results = new LinkedHashMap<>();

    Runner(
        FlashbackConnectCluster cluster,
        Topics topics,
        BackfillScenario scenario,
        Options options) {
      this.topics = topics;
      this.scenario = scenario;
      this.options = options;
      this.bootstrap = cluster.connect().kafka().bootstrapServers();
      this.connector = new ConnectorBackfill(cluster, topics, scenario, options.partitions());
      this.baseline = new ProducerBaseline(bootstrap);
      this.records =
          BackfillScenario.records(
              cluster.simulator().dataset(), scenario.historyEnd(), "baseline");
      if (records.size() != scenario.rows()) {
        throw new IllegalStateException(
            "the dataset has " + records.size() + " rows, expected " + scenario.rows());
      }
    }

    Map<String, List<Measurement>> results() {
      return results;
    }

    /**
     * An unmeasured run of each kind, as long as a measured one by default: shorter ones left the
     * JIT compiling through the first measured round (several µs of CPU per record).
     */
    void warmUp() throws Exception {
      int minutes = options.warmupMinutes();
      List<SourceRecord> tail =
          records.subList(records.size() - (int) scenario.rows(minutes), records.size());
      runBaseline("warm-up", "bench-warmup-producer", List.of(tail), tail.size());
      runConnector("warm-up", "bench-warmup-1", 1, minutes);
      runConnector("warm-up", "bench-warmup-n", options.tasks(), minutes);
    }

    /**
     * One round: every kind once. The order rotates from round to round, so that no kind always
     * runs first or always follows the same kind (the broker's kernel time per record, for one,
     * differed with the position in the round).
     */
    void measureAll(int rep) throws Exception {
      List<Callable<Measurement>> kinds = new ArrayList<>();
      kinds.add(
          () ->
              runBaseline(
                  Kinds.PRODUCER, "bench-producer-r" + rep, List.of(records), records.size()));
      kinds.add(() -> runConnector(Kinds.TASK, "bench-task1-r" + rep, 1, options.minutes()));
      kinds.add(
          () ->
              runConnector(
                  Kinds.tasks(options.tasks()),
                  "bench-tasks" + options.tasks() + "-r" + rep,
                  options.tasks(),
                  options.minutes()));
      if (options.splitBaseline()) {
        kinds.add(
            () ->
                runBaseline(
                    Kinds.producers(options.tasks()),
                    "bench-producers" + options.tasks() + "-r" + rep,
                    splitByBucket(options.tasks()),
                    records.size()));
      }
      Collections.rotate(kinds, -(rep - 1));
      for (Callable<Measurement> kind : kinds) {
        keep(kind.call());
      }
    }

    private void keep(Measurement measurement) {
      results.computeIfAbsent(measurement.kind(), k -> new ArrayList<>()).add(measurement);
      System.out.printf(
          "  %-28s %,10.0f records/s  %6.1f MB/s  (%s)%n",
          measurement.kind(),
          measurement.recordsPerSecond(),
          measurement.bytesPerSecond() / 1e6,
          measurement.timed());
    }

    private Measurement runConnector(String kind, String name, int tasks, int minutes)
        throws Exception {
      Measurement measured = connector.run(kind, name, tasks, minutes);
      return audited(measured, ConnectorBackfill.topic(name), scenario.rows(minutes));
    }

    private Measurement runBaseline(
        String kind, String topic, List<List<SourceRecord>> groups, long expected)
        throws Exception {
      topics.create(topic, options.partitions(), Map.of());
      return audited(baseline.run(kind, topic, groups), topic, expected);
    }

    /** Reads the topic back: exactly the expected records, each once; then drops it. */
    private Measurement audited(Measurement measured, String topic, long expected)
        throws Exception {
      TopicAudit audit = TopicAudit.read(bootstrap, topic, options.partitions(), expected);
      topics.delete(topic);
      if (audit.records() != expected || audit.distinctKeys() != expected) {
        throw new IllegalStateException(
            String.format(
                "%s: %d records, %d distinct keys, expected %d of each",
                topic, audit.records(), audit.distinctKeys(), expected));
      }
      return measured.withAudit(audit);
    }

    /** The records split as the connector splits buckets over tasks. */
    private List<List<SourceRecord>> splitByBucket(int groups) {
      List<String> buckets =
          records.stream().map(BackfillBenchmark::bucketOf).distinct().sorted().toList();
      Map<String, Integer> groupOf = new LinkedHashMap<>();
      List<List<String>> split = ConnectorUtils.groupPartitions(buckets, groups);
      for (int i = 0; i < split.size(); i++) {
        for (String bucket : split.get(i)) {
          groupOf.put(bucket, i);
        }
      }
      Map<Integer, List<SourceRecord>> byGroup =
          records.stream()
              .collect(Collectors.groupingBy(r -> groupOf.get(bucketOf(r)), Collectors.toList()));
      return byGroup.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .map(Map.Entry::getValue)
          .toList();
    }
  }

  private static String bucketOf(SourceRecord record) {
    return (String) record.sourcePartition().get("bucket");
  }

  /** The labels of the measured kinds. */
  static final class Kinds {
    static final String PRODUCER = "plain KafkaProducer";
    static final String TASK = "connector, 1 task";

    private Kinds() {}

    static String tasks(int tasks) {
      return "connector, " + tasks + " tasks";
    }

    static String producers(int producers) {
      return producers + " KafkaProducers (1 per task's buckets)";
    }
  }

  /** The run of a kind with the median rate. */
  static Measurement median(List<Measurement> runs) {
    List<Measurement> sorted =
        runs.stream().sorted(Comparator.comparingDouble(Measurement::recordsPerSecond)).toList();
    return sorted.get((sorted.size() - 1) / 2);
  }
}
