package tech.flashback.connect.bench.endtoend;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import tech.flashback.connect.it.FlashbackConnectCluster;

/**
 * One timed minute backfill on the in-process cluster: a connector of its own name and topic is
 * created, and the topic's end offsets are watched until they reach the expected count.
 */
final class ConnectorBackfill {

  private static final Duration WATCH_INTERVAL = Duration.ofMillis(25);
  private static final Duration STATUS_INTERVAL = Duration.ofSeconds(2);
  private static final Duration DEADLINE = Duration.ofMinutes(10);

  /** The harness's test-speed settings; the benchmark runs the defaults users get instead. */
  private static final List<String> HARNESS_SHORTCUTS =
      List.of(
          "flashback.api.retry.backoff.ms",
          "flashback.api.retry.backoff.max.ms",
          "flashback.bucket.relist.interval.ms");

  private final FlashbackConnectCluster cluster;
  private final Topics topics;
  private final BackfillScenario scenario;
  private final int partitions;

  ConnectorBackfill(
      FlashbackConnectCluster cluster, Topics topics, BackfillScenario scenario, int partitions) {
    this.cluster = cluster;
    this.topics = topics;
    this.scenario = scenario;
    this.partitions = partitions;
  }

  /** The connector's topic for a run name. */
  static String topic(String name) {
    return name + ".minute";
  }

  /**
   * Backfills the last {@code minutes} minutes of the history; returns once every expected record
   * is in the topic. The connector is deleted afterwards; the topic is left for the audit.
   */
  Measurement run(String kind, String name, int tasks, int minutes) throws Exception {
    String topic = topic(name);
    topics.create(topic, partitions, Map.of());
    long expected = scenario.rows(minutes);
    CpuMeter.Snapshot before = null;
    long created = System.nanoTime();
    cluster.connect().configureConnector(name, props(name, tasks, minutes));
    long first = -1;
    long atFirst = 0;
    long nextStatus = created + STATUS_INTERVAL.toNanos();
    long count;
    while ((count = topics.endOffsetSum(topic, partitions)) < expected) {
      long now = System.nanoTime();
      if (first < 0 && count > 0) {
        first = now;
        atFirst = count;
        before = CpuMeter.take();
      }
      if (now > nextStatus) {
        requireNoFailure(name, count, expected, now - created);
        nextStatus = now + STATUS_INTERVAL.toNanos();
      }
      Thread.sleep(WATCH_INTERVAL.toMillis());
    }
    long done = System.nanoTime();
    CpuMeter.Snapshot after = CpuMeter.take();
    ProducerStats producers = ProducerStats.read("connector-producer-" + name + "-");
    cluster.connect().deleteConnector(name);
    if (first < 0) {
      throw new IllegalStateException(name + ": all records arrived between two looks");
    }
    return new Measurement(
        kind,
        expected - atFirst,
        Duration.ofNanos(done - first),
        Duration.ofNanos(done - created),
        null,
        CpuMeter.between(before, after),
        producers);
  }

  private Map<String, String> props(String name, int tasks, int minutes) {
    Map<String, String> props =
        cluster.connectorProps(
            "tasks.max",
            Integer.toString(tasks),
            "flashback.streams",
            "minute",
            "flashback.topic.prefix",
            name + ".",
            "flashback.minute.backfill.start",
            scenario.backfillStart(minutes).toString(),
            // The simulator's clock stands at the history end, so every minute is final already.
            "flashback.minute.lag.ms",
            "0");
    HARNESS_SHORTCUTS.forEach(props::remove);
    return props;
  }

  private void requireNoFailure(String name, long count, long expected, long elapsedNanos) {
    ConnectorStateInfo status;
    try {
      status = cluster.connect().connectorStatus(name);
    } catch (RuntimeException notYet) {
      // no status yet right after creation; only the deadline counts then
      if (elapsedNanos > DEADLINE.toNanos()) {
        throw notYet;
      }
      return;
    }
    boolean failed =
        "FAILED".equals(status.connector().state())
            || status.tasks().stream().anyMatch(t -> "FAILED".equals(t.state()));
    if (failed || elapsedNanos > DEADLINE.toNanos()) {
      throw new IllegalStateException(
          String.format(
              "%s: %d of %d records after %d s; connector %s, tasks %s",
              name,
              count,
              expected,
              elapsedNanos / 1_000_000_000,
              status.connector().state(),
              status.tasks().stream().map(t -> t.state() + " " + t.trace()).toList()));
    }
  }
}
