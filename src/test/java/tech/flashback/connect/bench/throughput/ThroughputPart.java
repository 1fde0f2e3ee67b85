package tech.flashback.connect.bench.throughput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tech.flashback.connect.bench.BenchContext;
import tech.flashback.connect.bench.BenchmarkPart;
import tech.flashback.connect.bench.Figure;
import tech.flashback.connect.bench.Formats;
import tech.flashback.connect.bench.Section;

/**
 * How a task's backfill rate changes with the number of buckets and with the bucket ids per
 * request, each point next to the rate of the same requests read by a bare client; with the chart.
 */
public final class ThroughputPart implements BenchmarkPart {

  private static final int[] BUCKETS = {1, 10, 100, 1_000, 10_000};
  private static final int[] IDS_PER_REQUEST = {1, 5, 10, 25, 50, 100};
  private static final int IDS_DEFAULT = 100;
  private static final int BUCKETS_FOR_IDS = 1_000;

  @Override
  public String id() {
    return "throughput";
  }

  @Override
  public Section run(BenchContext context) throws Exception {
    int rows = context.option("throughput.rows", 300_000);
    TaskBackfill.run(100, IDS_DEFAULT, rows); // warm-up, not reported
    List<TaskBackfill.Point> byBuckets = new ArrayList<>();
    for (int buckets : BUCKETS) {
      byBuckets.add(TaskBackfill.run(buckets, IDS_DEFAULT, rows));
    }
    List<TaskBackfill.Point> byIds = new ArrayList<>();
    for (int ids : IDS_PER_REQUEST) {
      byIds.add(TaskBackfill.run(BUCKETS_FOR_IDS, ids, rows));
    }
    Path png = context.docsDir().resolve("benchmarks-throughput.png");
    ThroughputChart.write(png, byBuckets, byIds);
    TaskBackfill.Point typical = byBuckets.get(3);
    List<Figure> figures =
        List.of(
            new Figure(
                "Throughput curve (chart)",
                "one task's minute backfill, 1,000 buckets, rows/s (no Kafka)",
                Formats.rate(typical.connector().rowsPerSecond(), "rows"),
                "same requests, bare client: "
                    + Formats.rate(typical.limit().rowsPerSecond(), "rows"),
                Formats.percent(typical.ratio()),
                "no target: context for 1 and 2",
                true));
    return new Section(
        id(),
        25,
        "Throughput against buckets and ids per request",
        null,
        0,
        figures,
        body(context.docsLink(png), byBuckets, byIds));
  }

  private static String body(
      String chart, List<TaskBackfill.Point> byBuckets, List<TaskBackfill.Point> byIds) {
    return """
        One task (no worker, no Kafka: the rate the task's `poll()` hands records to a worker)
        backfills about the same number of minute rows (2 repos × 1 host per bucket, history
        sized to the bucket count) from the simulator on loopback, on a real clock. Each point is
        then compared with the same requests, taken from the simulator's request log and sent
        again one after the other by a plain OkHttp client that only walks every JSON token:
        the rate any client gets from this server on this machine. The simulator writes the
        JSON on the same two cores in both cases, so the limit moves with the shape of the
        requests: many small answers (few buckets per request, short windows) cost more per row.
        Each point runs twice, alternating task and replay, and keeps the faster of each.

        ![throughput](%s)

        | buckets | ids per request | requests | rows | connector rows/s | limit rows/s | ratio |
        |---:|---:|---:|---:|---:|---:|---:|
        %s%s
        """
        .formatted(chart, rows(byBuckets), rows(byIds));
  }

  private static String rows(List<TaskBackfill.Point> points) {
    StringBuilder rows = new StringBuilder();
    for (TaskBackfill.Point p : points) {
      rows.append(
          String.format(
              "| %,d | %d | %,d | %,d | %s | %s | %s |%n",
              p.buckets(),
              p.idsPerRequest(),
              p.connector().requests(),
              p.connector().rows(),
              Formats.count(p.connector().rowsPerSecond()),
              Formats.count(p.limit().rowsPerSecond()),
              Formats.percent(p.ratio())));
    }
    return rows.toString();
  }
}
