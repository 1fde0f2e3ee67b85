package tech.flashback.connect.bench.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.simulator.SimulatorEndpoint.BUCKET_TOTALS;
import static tech.flashback.connect.simulator.SimulatorEndpoint.LIST_BUCKETS;
import static tech.flashback.connect.simulator.SimulatorEndpoint.MINUTE_STATS;
import static tech.flashback.connect.simulator.SimulatorEndpoint.NODE_DAILY;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The request economy the benchmark table reports, asserted: it is a count, not a timing. */
class RequestEconomyTest {

  @Test
  void eachCycleAsksForEveryChunkOfIdsOnceAndForEachClosedDayOncePerBucket() throws Exception {
    List<PollCycles.Cycle> cycles = PollCycles.run(250, 100, 3);

    // 250 buckets in chunks of 100: 3 calls each for minute rows and totals, every cycle.
    assertThat(cycles).allSatisfy(cycle -> assertThat(cycle.calls(MINUTE_STATS)).isEqualTo(3));
    assertThat(cycles).allSatisfy(cycle -> assertThat(cycle.calls(BUCKET_TOTALS)).isEqualTo(3));
    // The catalog: one listing per interval.
    assertThat(cycles).allSatisfy(cycle -> assertThat(cycle.calls(LIST_BUCKETS)).isEqualTo(1));
    // One closed day in the first cycle, the day that closes in the second, none in the third.
    assertThat(cycles).extracting(c -> c.calls(NODE_DAILY)).containsExactly(250, 250, 0);
  }

  @Test
  void aChunkIsOneCallEvenWhenItHoldsASingleBucket() throws Exception {
    List<PollCycles.Cycle> cycles = PollCycles.run(7, 1, 2);

    assertThat(cycles).allSatisfy(cycle -> assertThat(cycle.calls(MINUTE_STATS)).isEqualTo(7));
    assertThat(cycles).allSatisfy(cycle -> assertThat(cycle.calls(BUCKET_TOTALS)).isEqualTo(7));
    assertThat(cycles).extracting(c -> c.calls(NODE_DAILY)).containsExactly(7, 7);
  }
}
