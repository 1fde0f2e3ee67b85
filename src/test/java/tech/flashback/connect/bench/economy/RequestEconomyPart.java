package tech.flashback.connect.bench.economy;

import static tech.flashback.connect.simulator.SimulatorEndpoint.BUCKET_TOTALS;
import static tech.flashback.connect.simulator.SimulatorEndpoint.LIST_BUCKETS;
import static tech.flashback.connect.simulator.SimulatorEndpoint.MINUTE_STATS;
import static tech.flashback.connect.simulator.SimulatorEndpoint.NODE_DAILY;

import java.util.ArrayList;
import java.util.List;
import tech.flashback.connect.bench.BenchContext;
import tech.flashback.connect.bench.BenchmarkPart;
import tech.flashback.connect.bench.Figure;
import tech.flashback.connect.bench.Formats;
import tech.flashback.connect.bench.Section;

/**
 * Target 3: API calls per poll cycle for 10, 1,000 and 10,000 buckets, next to the fewest calls the
 * API allows. {@link RequestEconomyTest} asserts the same counts in the unit suite.
 */
public final class RequestEconomyPart implements BenchmarkPart {

  private static final int[] BUCKETS = {10, 1_000, 10_000};
  private static final int IDS_PER_REQUEST = 100;
  private static final int CYCLES = 3;

  @Override
  public String id() {
    return "economy";
  }

  @Override
  public Section run(BenchContext context) throws Exception {
    List<Figure> figures = new ArrayList<>();
    StringBuilder table =
        new StringBuilder(
            "| buckets | cycle | `minute` calls | `bucket-totals` calls | `node-daily` calls"
                + " | catalog calls | fewest possible (m / t / d / c) | records | cycle took |\n"
                + "|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
    for (int buckets : BUCKETS) {
      List<PollCycles.Cycle> cycles = PollCycles.run(buckets, IDS_PER_REQUEST, CYCLES);
      boolean exact = true;
      int made = 0;
      int fewest = 0;
      for (PollCycles.Cycle cycle : cycles) {
        Expected expected = Expected.of(buckets, cycle.number());
        exact &= expected.matches(cycle);
        made += cycle.calls().values().stream().mapToInt(Integer::intValue).sum();
        fewest += expected.total();
        table.append(row(buckets, cycle, expected));
      }
      figures.add(
          new Figure(
              String.format("3. Request economy: %,d buckets", buckets),
              "API calls in " + CYCLES + " poll cycles",
              Integer.toString(made),
              "fewest the API allows: " + fewest,
              Formats.percent((double) made / fewest),
              "ceil(buckets/ids) per cycle for minute and totals, buckets × closed days,"
                  + " 1 listing",
              exact));
    }
    return new Section(id(), 30, "3. Request economy", null, 0, figures, body(table));
  }

  private static String row(int buckets, PollCycles.Cycle cycle, Expected expected) {
    return String.format(
        "| %,d | %d | %d | %d | %d | %d | %d / %d / %d / %d | %,d | %s |%n",
        buckets,
        cycle.number(),
        cycle.calls(MINUTE_STATS),
        cycle.calls(BUCKET_TOTALS),
        cycle.calls(NODE_DAILY),
        cycle.calls(LIST_BUCKETS),
        expected.minute(),
        expected.totals(),
        expected.nodeDaily(),
        expected.catalog(),
        cycle.records(),
        Formats.duration(cycle.elapsed()));
  }

  private static String body(StringBuilder table) {
    return """
        One task owns every bucket; `flashback.api.bucket.ids.per.request` is 100 (the default).
        The task runs against the simulator on loopback on a simulated clock, with every stream
        on a 60 s interval, so one cycle is one minute of the clock: the minute stream reads one
        window, the totals stream takes one snapshot, the catalog lists once. The clock starts
        30 s into a UTC day with a one-minute settle delay, so cycle 1 reads the day before
        yesterday (the node-daily backfill), cycle 2 the day that closes during it, and cycle 3
        no day. The calls are counted by the simulator's request log, per endpoint.

        The fewest calls the API allows: `minute` and `bucket-totals` accept up to 100 ids per
        call, so ceil(buckets / 100) each; `node-daily` is one POST per bucket and day by the
        API's design; the catalog is one `GET /bucket` per interval, made by task 0 only (the
        connector's monitor thread lists buckets too, once per
        `flashback.bucket.relist.interval.ms`, outside the tasks). With several tasks, each
        task asks for its own buckets, so `minute` and `bucket-totals` make the sum over tasks of
        ceil(task's buckets / 100): at most `tasks.max - 1` calls more than one task would.

        `RequestEconomyTest` asserts these counts in the unit suite; the benchmark prints the
        table for 10, 1,000 and 10,000 buckets. "Cycle took" is the real time of the whole cycle,
        including the simulator generating the answers on the same two cores.

        """
        + table;
  }

  /** The fewest calls per endpoint for a cycle of {@link PollCycles}. */
  private record Expected(int minute, int totals, int nodeDaily, int catalog) {

    static Expected of(int buckets, int cycle) {
      int chunks = (buckets + IDS_PER_REQUEST - 1) / IDS_PER_REQUEST;
      int closedDays = cycle <= 2 ? 1 : 0;
      return new Expected(chunks, chunks, buckets * closedDays, 1);
    }

    int total() {
      return minute + totals + nodeDaily + catalog;
    }

    boolean matches(PollCycles.Cycle cycle) {
      return cycle.calls(MINUTE_STATS) == minute
          && cycle.calls(BUCKET_TOTALS) == totals
          && cycle.calls(NODE_DAILY) == nodeDaily
          && cycle.calls(LIST_BUCKETS) == catalog;
    }
  }
}
