package tech.flashback.connect.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.bench.profile.SampleTally.Count;

class SampleTallyTest {

  private static final String READ = "tech.flashback.connect.client.json.ResponseReader.read";
  private static final String RAW_ROW = "tech.flashback.connect.client.json.RawRow.read";
  private static final String POLL = "tech.flashback.connect.stream.MinuteStream.poll";
  private static final String BENCH = "tech.flashback.connect.bench.conversion.Bench.minute";
  private static final String JACKSON = "com.fasterxml.jackson.core.json.Parser.nextToken";
  private static final String HASH_MAP = "java.util.HashMap.putVal";

  private static SampleTally tally() {
    SampleTally tally = new SampleTally();
    tally.addExecution(List.of(JACKSON, RAW_ROW, READ, POLL, BENCH));
    tally.addExecution(List.of(JACKSON, RAW_ROW, READ, POLL, BENCH));
    tally.addExecution(List.of(RAW_ROW, READ, POLL, BENCH));
    tally.addExecution(List.of(HASH_MAP, POLL, BENCH));
    tally.addExecution(List.of(HASH_MAP, BENCH));
    return tally;
  }

  @Test
  void selfCountsTheTopFrameOfEverySample() {
    assertThat(tally().topSelf(2)).containsExactly(new Count(JACKSON, 2), new Count(HASH_MAP, 2));
  }

  @Test
  void inclusiveCountsConnectorFramesOnlyAndARecursiveMethodOncePerSample() {
    SampleTally tally = new SampleTally();
    tally.addExecution(List.of(RAW_ROW, RAW_ROW, READ, BENCH));

    assertThat(tally.topInclusiveConnector(10))
        .containsExactly(new Count(RAW_ROW, 1), new Count(READ, 1));
    assertThat(tally.inclusiveOf(BENCH)).isEqualTo(1);
  }

  @Test
  void attributionChargesLibraryTimeToTheNearestConnectorFrame() {
    assertThat(tally().topAttributed(10))
        .containsExactly(
            new Count(RAW_ROW, 3), new Count("(no connector frame)", 1), new Count(POLL, 1));
  }

  @Test
  void librariesGroupSelfSamplesByPackage() {
    assertThat(tally().selfByLibrary())
        .containsExactly(
            new Count("com.fasterxml.jackson", 2),
            new Count("java.util", 2),
            new Count("connector (client)", 1));
    assertThat(SampleTally.library("tech.flashback.connect.FlashbackSourceTask.poll"))
        .isEqualTo("connector");
    assertThat(SampleTally.library("org.example.Thing.run")).isEqualTo("org.example");
  }

  @Test
  void allocationIsWeightedByBytesAndChargedToTheNearestConnectorFrame() {
    SampleTally tally = new SampleTally();
    tally.addAllocation("java.lang.String", 300, List.of("java.lang.String.<init>", RAW_ROW));
    tally.addAllocation("java.lang.Long", 100, List.of("java.lang.Long.valueOf", RAW_ROW));
    tally.addAllocation("java.lang.String", 50, List.of(POLL));

    assertThat(tally.allocatedBytes()).isEqualTo(450);
    assertThat(tally.allocationSamples()).isEqualTo(3);
    assertThat(tally.allocationByClass(10))
        .containsExactly(new Count("java.lang.String", 350), new Count("java.lang.Long", 100));
    assertThat(tally.allocationBySite(10))
        .containsExactly(new Count(RAW_ROW, 400), new Count(POLL, 50));
    assertThat(tally.allocatedUnder(RAW_ROW)).isEqualTo(400);
    assertThat(tally.allocatedUnder("java.lang.Long.valueOf")).isEqualTo(100);
  }
}
