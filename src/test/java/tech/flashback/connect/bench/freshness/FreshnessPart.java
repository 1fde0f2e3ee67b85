package tech.flashback.connect.bench.freshness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.flashback.connect.bench.BenchContext;
import tech.flashback.connect.bench.BenchmarkPart;
import tech.flashback.connect.bench.Figure;
import tech.flashback.connect.bench.Formats;
import tech.flashback.connect.bench.Section;
import tech.flashback.connect.it.FlashbackConnectCluster;
import tech.flashback.connect.simulator.FlashbackSimulator;

/**
 * Target 6: with real time, how long after a minute ends its rows are in Kafka, against lag + poll
 * interval + 2 s.
 */
public final class FreshnessPart implements BenchmarkPart {

  private static final int BUCKETS = 20;
  private static final int REPOS = 2;
  private static final int HOSTS = 2;
  private static final Duration LAG = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(10);
  private static final Duration LATE_BY = Duration.ofSeconds(10);
  private static final Duration SLACK = Duration.ofSeconds(2);
  private static final long MINUTE_MS = 60_000L;

  @Override
  public String id() {
    return "freshness";
  }

  @Override
  public Section run(BenchContext context) throws Exception {
    Duration runFor = context.option("freshness.duration", Duration.ofMinutes(10));
    Duration bound = LAG.plus(POLL_INTERVAL).plus(SLACK);
    FlashbackSimulator simulator =
        FlashbackSimulator.builder()
            .buckets(BUCKETS)
            .reposPerBucket(REPOS)
            .hostsPerBucket(HOSTS)
            .lateFraction(0.1)
            .lateBy(LATE_BY)
            .history(Duration.ofHours(1))
            .build();
    List<Long> latencies;
    Instant started;
    try (FlashbackConnectCluster cluster = FlashbackConnectCluster.start(simulator, 1, Map.of());
        MinuteArrivals arrivals =
            new MinuteArrivals(cluster.connect().kafka().bootstrapServers(), "flashback.minute")) {
      started = Instant.now();
      cluster
          .connect()
          .configureConnector(
              FlashbackConnectCluster.CONNECTOR,
              cluster.connectorProps(
                  "tasks.max", "1",
                  "flashback.streams", "minute",
                  "flashback.minute.lag.ms", Long.toString(LAG.toMillis()),
                  "flashback.minute.poll.interval.ms", Long.toString(POLL_INTERVAL.toMillis()),
                  "flashback.minute.backfill.start", "PT2M"));
      // Every minute that ends within the run gets the whole bound to arrive.
      Thread.sleep(runFor.plus(bound).plus(SLACK).toMillis());
      latencies = latencies(arrivals.arrivals(), started, started.plus(runFor));
    }
    return section(latencies, runFor, bound);
  }

  /** Per complete (minute, bucket) that ended within the window: last arrival minus minute end. */
  private static List<Long> latencies(
      Map<MinuteArrivals.MinuteOfBucket, MinuteArrivals.Arrival> arrivals,
      Instant from,
      Instant to) {
    List<Long> latencies = new ArrayList<>();
    arrivals.forEach(
        (minute, arrival) -> {
          long end = minute.minuteStartMs() + MINUTE_MS;
          if (end >= from.toEpochMilli() && end <= to.toEpochMilli()) {
            if (arrival.rows() != REPOS * HOSTS) {
              throw new IllegalStateException(
                  minute + ": " + arrival.rows() + " rows, expected " + REPOS * HOSTS);
            }
            latencies.add(arrival.lastMs() - end);
          }
        });
    latencies.sort(null);
    return latencies;
  }

  private Section section(List<Long> latencies, Duration runFor, Duration bound) {
    if (latencies.isEmpty()) {
      throw new IllegalStateException("no minute completed within the run");
    }
    long p50 = percentile(latencies, 0.50);
    long p99 = percentile(latencies, 0.99);
    long max = latencies.get(latencies.size() - 1);
    String required = "p99 ≤ lag + poll interval + 2 s = " + seconds(bound.toMillis());
    List<Figure> figures =
        List.of(
            new Figure(
                "6. Freshness",
                "minute end → last row in Kafka, p50 / p99 (max), real clock",
                seconds(p50) + " / " + seconds(p99) + " (" + seconds(max) + ")",
                "lag + poll interval + 2 s: " + seconds(bound.toMillis()),
                Formats.percent((double) p99 / bound.toMillis()),
                required,
                p99 <= bound.toMillis()));
    String body =
        String.format(
            Locale.ROOT,
            """
            A real clock, not a simulated one: the simulator publishes each minute's rows when the
            minute ends (one row in ten %d s later, as late rows), and a worker on the in-process
            cluster runs the connector with `flashback.minute.lag.ms=%d` and
            `flashback.minute.poll.interval.ms=%d` (one task, %d buckets × %d repos × %d hosts, so
            %d rows a minute). A consumer reads the minute topic from the start and stamps every
            record with the wall clock when it receives it. For every bucket and minute that ended
            during the %s run, the figure is the time from the minute's end to the arrival of its
            last row (all %d rows are checked to be there).

            A minute becomes readable `lag` after it ends. Once caught up, the minute stream does
            not wait for its next poll-interval slot to notice: it schedules its wake-up for the
            moment the next minute becomes readable (or the next slot of the poll-interval grid,
            whichever is later, so it never polls more often than the interval). The delay is
            therefore the lag plus the time to fetch the minute, convert it and produce it, well
            inside the bound the target allows (lag + poll interval + 2 s). The "over lag"
            column is that fetch-and-produce time at the median.

            | samples (bucket × minute) | p50 | p90 | p99 | max | bound | over lag (p50) |
            |---:|---:|---:|---:|---:|---:|---:|
            | %,d | %s | %s | %s | %s | %s | %s |
            """,
            LATE_BY.toSeconds(),
            LAG.toMillis(),
            POLL_INTERVAL.toMillis(),
            BUCKETS,
            REPOS,
            HOSTS,
            BUCKETS * REPOS * HOSTS,
            runFor.toMinutes() + " min",
            REPOS * HOSTS,
            latencies.size(),
            seconds(p50),
            seconds(percentile(latencies, 0.90)),
            seconds(p99),
            seconds(max),
            seconds(bound.toMillis()),
            seconds(p50 - LAG.toMillis()));
    return new Section(id(), 60, "6. Freshness", null, 0, figures, body);
  }

  private static long percentile(List<Long> sorted, double fraction) {
    int index = (int) Math.ceil(fraction * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
