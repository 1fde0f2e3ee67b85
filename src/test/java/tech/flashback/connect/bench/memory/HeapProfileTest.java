package tech.flashback.connect.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapProfileTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final long MIB = 1 << 20;

  @Test
  void flatWhenTheLiveSetStaysWhileYoungPausesSawTooth() {
    List<GcEvent> events = new ArrayList<>();
    for (int s = 1; s < 100; s++) {
      // old garbage piles up after young pauses and is cleared every 25 s
      events.add(young(s, 190, 50 + (s % 25) * 4));
    }
    for (int s = 10; s < 100; s += 5) {
      // records in flight come and go: 48 MiB plus 0 to 90 MiB
      events.add(probe(s, 48 + (s * 37 % 100) * 9 / 10));
    }
    HeapProfile profile = HeapProfile.of(events, START, START, START.plusSeconds(100));

    assertThat(profile.flat()).isTrue();
    assertThat(profile.slice(3, 4).maxAfterBytes()).isGreaterThan(140 * MIB);
    assertThat(profile.slice(3, 4).minLiveBytes()).isLessThan(65 * MIB);
    assertThat(profile.slice(0, 4).maxLiveBytes()).isGreaterThan(100 * MIB);
  }

  @Test
  void notFlatWhenTheLiveSetGrows() {
    List<GcEvent> events = new ArrayList<>();
    for (int s = 10; s < 100; s += 5) {
      events.add(probe(s, 40 + s / 2)); // grows 0.5 MiB per second
    }
    HeapProfile profile = HeapProfile.of(events, START, START, START.plusSeconds(100));

    assertThat(profile.liveSetGrowth()).isGreaterThan(1.15);
    assertThat(profile.flat()).isFalse();
  }

  @Test
  void fillingUpBeforeTheSteadyRunIsNotGrowth() {
    List<GcEvent> events = new ArrayList<>();
    events.add(probe(10, 23)); // the pipeline still filling
    for (int s = 20; s < 100; s += 5) {
      events.add(probe(s, 34 + s % 10));
    }
    HeapProfile whole = HeapProfile.of(events, START, START, START.plusSeconds(100));
    HeapProfile steady =
        HeapProfile.of(events, START, START.plusSeconds(18), START.plusSeconds(100));

    assertThat(whole.flat()).isFalse();
    assertThat(steady.steadyQuarter(0).minLiveBytes()).isEqualTo(34 * MIB);
    assertThat(steady.liveSetGrowth()).isEqualTo(1.0);
    assertThat(steady.flat()).isTrue();
  }

  @Test
  void aLeakInTheSteadyRunIsStillGrowth() {
    List<GcEvent> events = new ArrayList<>();
    for (int s = 20; s < 100; s += 5) {
      events.add(probe(s, 34 + s / 4)); // grows 0.25 MiB per second
    }
    HeapProfile profile =
        HeapProfile.of(events, START, START.plusSeconds(18), START.plusSeconds(100));

    assertThat(profile.liveSetGrowth()).isGreaterThan(1.15);
    assertThat(profile.flat()).isFalse();
  }

  @Test
  void notFlatWithoutSamplesToCompare() {
    HeapProfile profile =
        HeapProfile.of(List.of(young(5, 100, 40)), START, START, START.plusSeconds(100));

    assertThat(profile.liveSetGrowth()).isNaN();
    assertThat(profile.flat()).isFalse();
  }

  @Test
  void peakAndWindowComeFromThePausesInsideTheRun() {
    List<GcEvent> events = List.of(young(-5, 250, 10), young(50, 200, 60), young(120, 240, 9));
    HeapProfile profile = HeapProfile.of(events, START, START, START.plusSeconds(100));

    assertThat(profile.events()).hasSize(1);
    assertThat(profile.peakUsedBytes()).isEqualTo(200 * MIB);
  }

  private static GcEvent young(int second, long beforeMib, long afterMib) {
    return new GcEvent(
        START.plusSeconds(second),
        second,
        "Pause Young (Normal) (G1 Evacuation Pause)",
        beforeMib * MIB,
        afterMib * MIB,
        256 * MIB,
        10);
  }

  private static GcEvent probe(int second, long afterMib) {
    return new GcEvent(
        START.plusSeconds(second).plusMillis(500),
        1000 + second,
        "Pause Full (Diagnostic Command)",
        (afterMib + 30) * MIB,
        afterMib * MIB,
        256 * MIB,
        80);
  }
}
