package tech.flashback.connect.bench.throughput;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import tech.flashback.connect.TaskDriver;
import tech.flashback.connect.bench.BareApiReader;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.LoggedRequest;
import tech.flashback.connect.simulator.SimBucket;
import tech.flashback.connect.simulator.SimulatorEndpoint;

/**
 * One point of the throughput curves: a task backfills minute rows from the simulator on loopback
 * (real clock, no Kafka), then the same requests are replayed by the thinnest client possible, a
 * plain OkHttp GET and a bare Jackson pass, which is the limit.
 */
final class TaskBackfill {

  private static final int REPOS = 2;
  private static final int HOSTS = 1;

  private TaskBackfill() {}

  /**
   * @param buckets buckets the task owns
   * @param idsPerRequest {@code flashback.api.bucket.ids.per.request}
   * @param rows about how many rows to backfill
   */
  static Point run(int buckets, int idsPerRequest, int rows) throws Exception {
    long minutes = Math.max(1, rows / ((long) buckets * REPOS * HOSTS));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    // The connector reads up to `now - lag` (3 min by default): start the history before that.
    Instant start = now.minus(Duration.ofMinutes(minutes + 3));
    try (FlashbackSimulator simulator =
        FlashbackSimulator.builder()
            .buckets(buckets)
            .reposPerBucket(REPOS)
            .hostsPerBucket(HOSTS)
            .historyStart(start)
            .lateFraction(0)
            .requestLogCapacity(200_000)
            .start()) {
      // Alternating twice and keeping the faster of each: the machine is shared and noisy.
      Rate connector = null;
      Rate limit = null;
      // Each round is checked against its own replay: on a real clock a later round may read
      // one more minute than an earlier one.
      for (int round = 0; round < 2; round++) {
        simulator.clearRequests();
        Rate task = connector(simulator, idsPerRequest, start);
        Rate bare = replay(simulator, simulator.requests(SimulatorEndpoint.MINUTE_STATS));
        if (task.rows() != bare.rows()) {
          throw new IllegalStateException(
              "the task emitted " + task.rows() + " rows, its requests held " + bare.rows());
        }
        connector = Rate.faster(connector, task);
        limit = Rate.faster(limit, bare);
      }
      return new Point(buckets, idsPerRequest, connector, limit);
    }
  }

  private static Rate connector(FlashbackSimulator simulator, int idsPerRequest, Instant start)
      throws Exception {
    Map<String, String> props = new HashMap<>();
    props.put("flashback.api.url", simulator.baseUrl());
    props.put("flashback.api.token", simulator.token());
    props.put("flashback.streams", "minute");
    props.put("flashback.api.bucket.ids.per.request", Integer.toString(idsPerRequest));
    props.put("flashback.minute.backfill.start", start.toString());
    props.put(
        "flashback.task.bucket.ids",
        String.join(",", simulator.dataset().buckets().stream().map(SimBucket::id).toList()));
    props.put("flashback.task.catalog.owner", "false");
    long began = System.nanoTime();
    long last = began;
    long records = 0;
    try (TaskDriver task = TaskDriver.start(Time.SYSTEM, props, TaskDriver.noOffsets(), 1)) {
      int empty = 0;
      while (empty < 3) {
        int batch = task.poll().size();
        if (batch == 0) {
          empty++;
        } else {
          empty = 0;
          records += batch;
          last = System.nanoTime();
        }
      }
    }
    return new Rate(
        records, simulator.requests(SimulatorEndpoint.MINUTE_STATS).size(), last - began);
  }

  /** The same requests, one after the other, each read by the bare client. */
  private static Rate replay(FlashbackSimulator simulator, List<LoggedRequest> requests)
      throws Exception {
    try (BareApiReader reader = new BareApiReader(simulator.token())) {
      long rows = 0;
      long began = System.nanoTime();
      for (LoggedRequest logged : requests) {
        rows += reader.rows(simulator.baseUrl() + logged.target());
      }
      return new Rate(rows, requests.size(), System.nanoTime() - began);
    }
  }

  /** Rows read over a time. */
  record Rate(long rows, int requests, long nanos) {
    double rowsPerSecond() {
      return rows * 1e9 / nanos;
    }

    static Rate faster(Rate a, Rate b) {
      return a == null || b.rowsPerSecond() > a.rowsPerSecond() ? b : a;
    }
  }

  /** Both rates of one configuration. */
  record Point(int buckets, int idsPerRequest, Rate connector, Rate limit) {
    double ratio() {
      return connector.rowsPerSecond() / limit.rowsPerSecond();
    }
  }
}
