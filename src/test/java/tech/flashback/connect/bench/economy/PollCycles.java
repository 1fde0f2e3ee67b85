package tech.flashback.connect.bench.economy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.MockTime;
import tech.flashback.connect.TaskDriver;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.SimBucket;
import tech.flashback.connect.simulator.SimulatorEndpoint;

/**
 * Counts the API calls of one task over successive poll cycles, on a simulated clock against the
 * simulator: every stream runs on a 60 s interval, so each cycle is one minute of the clock, and
 * the clock starts 30 s into a day with a 60 s settle delay, so the first cycle reads one closed
 * day (the backfill), the second the day that closes during it, and later cycles none.
 */
public final class PollCycles {

  /** The interval of every stream, and so the length of one cycle. */
  public static final Duration CYCLE = Duration.ofMinutes(1);

  static final Instant START = Instant.parse("2024-02-01T00:00:30Z");

  private PollCycles() {}

  /**
   * The calls per endpoint of each cycle.
   *
   * @param buckets how many buckets the task owns
   * @param idsPerRequest {@code flashback.api.bucket.ids.per.request}
   * @param cycles how many cycles to run
   */
  public static List<Cycle> run(int buckets, int idsPerRequest, int cycles) throws Exception {
    MockTime time = new MockTime(0, START.toEpochMilli(), 0);
    try (FlashbackSimulator simulator =
        FlashbackSimulator.builder()
            .time(time)
            .buckets(buckets)
            .reposPerBucket(1)
            .hostsPerBucket(1)
            .nodesPerBucket(1)
            .historyStart(START.minus(Duration.ofDays(2)))
            .requestLogCapacity(Math.max(1_000, 4 * buckets))
            .start()) {
      List<Cycle> result = new ArrayList<>();
      try (TaskDriver task =
          TaskDriver.start(time, props(simulator, idsPerRequest), TaskDriver.noOffsets(), 1)) {
        for (int i = 0; i < cycles; i++) {
          if (i > 0) {
            time.sleep(CYCLE.toMillis());
          }
          simulator.clearRequests();
          long started = System.nanoTime();
          int records = task.pollUntilIdle(2).size();
          result.add(
              new Cycle(
                  i + 1,
                  countByEndpoint(simulator),
                  records,
                  Duration.ofNanos(System.nanoTime() - started)));
        }
      }
      return result;
    }
  }

  private static Map<SimulatorEndpoint, Integer> countByEndpoint(FlashbackSimulator simulator) {
    Map<SimulatorEndpoint, Integer> calls = new EnumMap<>(SimulatorEndpoint.class);
    for (SimulatorEndpoint endpoint : SimulatorEndpoint.values()) {
      calls.put(endpoint, simulator.requests(endpoint).size());
    }
    return calls;
  }

  private static Map<String, String> props(FlashbackSimulator simulator, int idsPerRequest) {
    String interval = Long.toString(CYCLE.toMillis());
    Map<String, String> props = new HashMap<>();
    props.put("flashback.api.url", simulator.baseUrl());
    props.put("flashback.api.token", simulator.token());
    props.put("flashback.api.bucket.ids.per.request", Integer.toString(idsPerRequest));
    props.put("flashback.buckets.interval.ms", interval);
    props.put("flashback.bucket.totals.interval.ms", interval);
    props.put("flashback.minute.poll.interval.ms", interval);
    props.put("flashback.minute.backfill.start", "PT10M");
    props.put("flashback.node.daily.backfill.start", "P2D");
    props.put("flashback.node.daily.settle.delay.ms", interval);
    props.put("flashback.poll.max.records", "10000");
    props.put(
        "flashback.task.bucket.ids",
        String.join(",", simulator.dataset().buckets().stream().map(SimBucket::id).toList()));
    props.put("flashback.task.catalog.owner", "true");
    return props;
  }

  /**
   * One poll cycle.
   *
   * @param number 1 for the first cycle after the task started
   * @param calls API calls per endpoint
   * @param records records the task returned
   * @param elapsed real time the cycle took
   */
  public record Cycle(
      int number, Map<SimulatorEndpoint, Integer> calls, int records, Duration elapsed) {

    public int calls(SimulatorEndpoint endpoint) {
      return calls.getOrDefault(endpoint, 0);
    }
  }
}
