package tech.flashback.connect.bench.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.flashback.connect.TaskDriver;
import tech.flashback.connect.bench.BareApiReader;
import tech.flashback.connect.bench.BenchContext;
import tech.flashback.connect.bench.BenchmarkPart;
import tech.flashback.connect.bench.Figure;
import tech.flashback.connect.bench.Formats;
import tech.flashback.connect.bench.Section;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.SimBucket;

/**
 * Target 5: 10,000 buckets listed, filtered and split across tasks in under a second; a task
 * starting over 10,000 stored offsets in under two.
 */
public final class ScalePart implements BenchmarkPart {

  private static final int BUCKETS = 10_000;
  private static final int MAX_TASKS = 8;
  private static final int RUNS = 6;
  private static final Duration LISTING_TARGET = Duration.ofSeconds(1);
  private static final Duration START_TARGET = Duration.ofSeconds(2);

  @Override
  public String id() {
    return "scale";
  }

  @Override
  public Section run(BenchContext context) throws Exception {
    try (FlashbackSimulator simulator =
        FlashbackSimulator.builder().buckets(BUCKETS).reposPerBucket(1).hostsPerBucket(1).start()) {
      List<Figure> figures = new ArrayList<>();
      StringBuilder details = new StringBuilder();
      listing(simulator, figures, details);
      taskStart(simulator, figures, details);
      return new Section(id(), 50, "5. Scale", null, 0, figures, body(details));
    }
  }

  private void listing(FlashbackSimulator simulator, List<Figure> figures, StringBuilder details)
      throws Exception {
    ListingScale scale = new ListingScale(simulator, MAX_TASKS);
    List<List<Map<String, String>>> splits = new ArrayList<>();
    // The first timed run is the connector's first in this JVM: cold.
    Timings connector = Timings.of(RUNS, () -> splits.add(scale.startAndSplit()));
    List<Map<String, String>> configs = splits.get(0);
    int assigned =
        configs.stream().mapToInt(c -> c.get("flashback.task.bucket.ids").split(",").length).sum();
    Timings bare;
    try (BareApiReader reader = new BareApiReader(simulator.token())) {
      bare = Timings.of(RUNS, () -> reader.rows(simulator.baseUrl() + "/bucket"));
    }
    details.append(
        String.format(
            "| connector start → %d task configs (%,d of %,d buckets kept) | %s | %s | %s |%n"
                + "| limit: the same `GET /bucket`, bare Jackson pass | %s | %s | %s |%n",
            configs.size(),
            assigned,
            BUCKETS,
            Formats.duration(connector.first()),
            Formats.duration(connector.median()),
            Formats.duration(connector.max()),
            Formats.duration(bare.first()),
            Formats.duration(bare.median()),
            Formats.duration(bare.max())));
    figures.add(
        new Figure(
            "5. Scale: list, filter, split",
            "10,000 buckets, " + MAX_TASKS + " tasks: slowest run (median)",
            Formats.duration(connector.worst()) + " (" + Formats.duration(connector.median()) + ")",
            "bare listing: " + Formats.duration(bare.median()),
            Formats.times(ratio(connector.median(), bare.median())),
            "< 1 s",
            connector.worst().compareTo(LISTING_TARGET) < 0));
  }

  private void taskStart(FlashbackSimulator simulator, List<Figure> figures, StringBuilder details)
      throws Exception {
    List<String> ids = simulator.dataset().buckets().stream().map(SimBucket::id).toList();
    try (StoredOffsetsScale scale = new StoredOffsetsScale(ids)) {
      List<TaskDriver> started = new ArrayList<>();
      Timings start =
          Timings.of(
              RUNS, () -> started.add(scale.startTask(simulator.baseUrl(), simulator.token())));
      started.forEach(TaskDriver::close);
      Timings bare = Timings.of(RUNS, scale::bareRead);
      details.append(
          String.format(
              "| task start with %,d stored offsets | %s | %s | %s |%n"
                  + "| limit: the same `offsets(...)` read alone | %s | %s | %s |%n",
              scale.offsets(),
              Formats.duration(start.first()),
              Formats.duration(start.median()),
              Formats.duration(start.max()),
              Formats.duration(bare.first()),
              Formats.duration(bare.median()),
              Formats.duration(bare.max())));
      figures.add(
          new Figure(
              "5. Scale: task start",
              "10,000 stored offsets: slowest run (median)",
              Formats.duration(start.worst()) + " (" + Formats.duration(start.median()) + ")",
              "bare offsets read: " + Formats.duration(bare.median()),
              Formats.times(ratio(start.median(), bare.median())),
              "< 2 s",
              start.worst().compareTo(START_TARGET) < 0));
    }
  }

  private static double ratio(Duration value, Duration limit) {
    return (double) value.toNanos() / Math.max(1, limit.toNanos());
  }

  private static String body(StringBuilder details) {
    return """
        **Listing, filtering, splitting.** The simulator serves 10,000 buckets on loopback (with
        names, workspaces, hosts and storage credentials, as the API does). A connector starts
        with `flashback.bucket.exclude.pattern` dropping one bucket in ten and `tasks.max=8`; the
        time runs from `start()` to `taskConfigs(8)` returning, through the monitor thread's first
        listing (one `GET /bucket`), the pattern filter on every bucket, and the split with
        `ConnectorUtils.groupPartitions`. The first run is cold (classes loading, no JIT, a new
        connection); the target is judged on the slowest run. The limit is the same `GET /bucket`
        read by a plain OkHttp client with a bare Jackson pass over every token.

        **Task start.** 10,000 minute-stream offsets are written by Connect's own
        `OffsetStorageWriter` (JSON converter, as a worker stores them) into an in-memory
        `MemoryOffsetBackingStore`; a task owning the 10,000 buckets then starts on Connect's own
        `OffsetStorageReaderImpl` over that store, so the serialized partitions and their
        deserialization are a worker's, only the Kafka topic behind the store is left out (a
        worker keeps that topic in memory too and reads it at startup, not per task). The time
        runs from `start()` until it returns: configuration parsed, client built, all offsets read
        in one `offsets(...)` call, every stream built. The limit is that read alone.

        | what | first run (cold) | median of the next 5 | slowest of the next 5 |
        |---|---:|---:|---:|
        """
        + details;
  }
}
