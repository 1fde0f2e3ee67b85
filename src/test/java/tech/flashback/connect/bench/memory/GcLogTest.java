package tech.flashback.connect.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

  private static final List<String> LOG =
      List.of(
          "[2026-11-21T07:55:35.751+0000][0.004s][info][gc] Using G1",
          "[2026-11-21T07:55:35.767+0000][0.020s][info][gc,init] Heap Max Capacity: 256M",
          "[2026-11-21T07:55:36.194+0000][0.447s][info][gc,start    ] GC(0) Pause Young"
              + " (Normal) (G1 Evacuation Pause)",
          "[2026-11-21T07:55:36.195+0000][0.448s][info][gc,heap     ] GC(0) Eden regions:"
              + " 12->0(14)",
          "[2026-11-21T07:55:36.195+0000][0.448s][info][gc,metaspace] GC(0) Metaspace:"
              + " 20613K(20928K)->20613K(20928K) NonClass: 18000K(18200K)->18000K(18200K)",
          "[2026-11-21T07:55:36.196+0000][0.449s][info][gc          ] GC(0) Pause Young"
              + " (Normal) (G1 Evacuation Pause) 12M->1M(256M) 2.623ms",
          "[2026-11-21T07:55:40.001+0000][4.254s][info][gc          ] GC(7) Concurrent Mark"
              + " Cycle 35.120ms",
          "[2026-11-21T07:55:40.002+0000][4.255s][info][gc] GC(7) Pause Remark"
              + " 140M->98M(256M) 1.150ms",
          "[2026-11-21T07:55:41.500+0000][5.753s][info][gc] GC(9) Pause Young (Mixed)"
              + " (G1 Evacuation Pause) 900K->512K(1G) 0.500ms",
          "[2026-11-21T07:55:42.490+0000][6.743s][info][gc] GC(14) Pause Full (System.gc())"
              + " 133M->10M(256M) 8.031ms");

  @Test
  void readsThePauseSummariesOnly() {
    List<GcEvent> events = GcLog.parse(LOG);

    assertThat(events).extracting(GcEvent::id).containsExactly(0, 7, 9, 14);
    assertThat(events.get(0))
        .isEqualTo(
            new GcEvent(
                Instant.parse("2026-11-21T07:55:36.196Z"),
                0,
                "Pause Young (Normal) (G1 Evacuation Pause)",
                12L << 20,
                1L << 20,
                256L << 20,
                2.623));
  }

  @Test
  void readsEveryUnitAndKind() {
    List<GcEvent> events = GcLog.parse(LOG);

    assertThat(events.get(1).kind()).isEqualTo("Pause Remark");
    assertThat(events.get(1).afterBytes()).isEqualTo(98L << 20);
    assertThat(events.get(2).beforeBytes()).isEqualTo(900L << 10);
    assertThat(events.get(2).capacityBytes()).isEqualTo(1L << 30);
    assertThat(events.get(3).kind()).isEqualTo("Pause Full (System.gc())");
  }

  @Test
  void namesTheCollector() {
    assertThat(GcLog.collector(LOG)).isEqualTo("G1");
    assertThat(GcLog.collector(List.of("no gc log here"))).isEqualTo("unknown");
  }

  @Test
  void skipsLinesWithoutTheTimeDecoration() {
    assertThat(GcLog.parseLine("[0.449s][info][gc] GC(0) Pause Young 12M->1M(256M) 2.623ms"))
        .isEmpty();
  }
}
