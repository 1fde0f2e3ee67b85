package tech.flashback.connect.bench.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tech.flashback.connect.bench.endtoend.CpuMeter.JvmThreads;

class CpuMeterTest {

  @Test
  void groupsThreadsByTheNamesKafkaConnectAndTheSimulatorGive() {
    assertThat(CpuMeter.group("flashback-sim-3")).isEqualTo(CpuMeter.SIMULATOR);
    assertThat(CpuMeter.group("HTTP-Dispatcher")).isEqualTo(CpuMeter.SIMULATOR);
    assertThat(CpuMeter.group("task-thread-bench-task1-r1-0")).isEqualTo(CpuMeter.TASKS);
    assertThat(CpuMeter.group("bench-baseline-0")).isEqualTo(CpuMeter.BASELINE);
    assertThat(
            CpuMeter.group("kafka-producer-network-thread | connector-producer-bench-task1-r1-0"))
        .isEqualTo(CpuMeter.PRODUCER_IO);
    assertThat(CpuMeter.group("data-plane-kafka-request-handler-0")).isEqualTo(CpuMeter.OTHER);
  }

  @Test
  void readsUserAndSystemTicksAfterANameWithSpacesAndParentheses() {
    String stat =
        "4242 (C2 CompilerThre) S 1 4200 4200 0 -1 4194368 150 0 0 0 731 42 0 0 20 0 30 0 900"
            + " 5000000 3000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 -1 1 0 0 0 0 0";
    assertThat(JvmThreads.cpuTicks(stat)).isEqualTo(773);
    assertThat(JvmThreads.cpuTicks("7 (a (b) c) R 1 2 3 4 5 6 7 8 9 10 11 12 13")).isEqualTo(23);
  }

  @Test
  void tellsJitAndGcThreadsFromTheRest() {
    assertThat(JvmThreads.kind("C2 CompilerThre")).isEqualTo(JvmThreads.JIT);
    assertThat(JvmThreads.kind("C1 CompilerThre")).isEqualTo(JvmThreads.JIT);
    assertThat(JvmThreads.kind("GC Thread#1")).isEqualTo(JvmThreads.GC);
    assertThat(JvmThreads.kind("G1 Conc#0")).isEqualTo(JvmThreads.GC);
    assertThat(JvmThreads.kind("VM Thread")).isEqualTo(JvmThreads.GC);
    assertThat(JvmThreads.kind("task-thread-fla")).isNull();
  }
}
