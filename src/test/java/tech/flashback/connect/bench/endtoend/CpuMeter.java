package tech.flashback.connect.bench.endtoend;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the CPU went during a measurement, by thread group of this JVM (ThreadMXBean), for the JVM
 * as a whole (its threads plus GC and JIT, which ThreadMXBean does not show; the JIT's share from
 * the JVM's compilation time), and for the machine ({@code /proc/stat}), so a run can say how much
 * the simulator took and how much other processes took from the shared cores.
 */
final class CpuMeter {

  /** Thread groups, in report order. */
  static final String SIMULATOR = "simulator";

  static final String TASKS = "task threads";
  static final String BASELINE = "baseline threads";
  static final String PRODUCER_IO = "producer I/O";
  static final String OTHER = "broker, worker, other";

  static final List<String> GROUPS = List.of(SIMULATOR, TASKS, BASELINE, PRODUCER_IO, OTHER);

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuMeter() {}

  /** A snapshot: per-thread CPU, process CPU, machine counters and the wall clock. */
  record Snapshot(
      long wallNanos,
      Map<Long, Long> threadCpuNanos,
      Map<Long, String> threadNames,
      long processCpuNanos,
      long compilationMillis,
      MachineTicks machine) {}

  /**
   * CPU used between two snapshots, in seconds.
   *
   * @param wallSeconds elapsed time
   * @param byGroup CPU seconds of this JVM's threads, by group
   * @param processSeconds CPU seconds of this JVM (threads, GC, JIT)
   * @param jitSeconds time the JIT compilers spent (the JVM's own estimate)
   * @param machineBusyCores average busy cores of the whole machine, all processes
   * @param cores the machine's cores
   */
  record Use(
      double wallSeconds,
      Map<String, Double> byGroup,
      double processSeconds,
      double jitSeconds,
      double machineBusyCores,
      int cores) {

    /** Average cores this JVM kept busy. */
    double processCores() {
      return processSeconds / wallSeconds;
    }

    /** Average cores kept busy by other processes (other builds on a shared machine). */
    double otherProcessCores() {
      return Math.max(0, machineBusyCores - processCores());
    }

    /**
     * The JVM's CPU that no live thread and no JIT compiler shows: mostly the garbage collector,
     * also threads that ended during the run.
     */
    double gcAndOtherSeconds() {
      double threads = byGroup.values().stream().mapToDouble(d -> d).sum();
      return Math.max(0, processSeconds - threads - jitSeconds);
    }
  }

  static Snapshot take() {
    Map<Long, Long> cpu = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    for (var info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = THREADS.getThreadCpuTime(info.getThreadId());
      if (nanos >= 0) {
        cpu.put(info.getThreadId(), nanos);
        names.put(info.getThreadId(), info.getThreadName());
      }
    }
    return new Snapshot(
        System.nanoTime(),
        cpu,
        names,
        processCpuNanos(),
        ManagementFactory.getCompilationMXBean().getTotalCompilationTime(),
        MachineTicks.read());
  }

  static Use between(Snapshot before, Snapshot after) {
    Map<String, Double> byGroup = new LinkedHashMap<>();
    for (String group : GROUPS) {
      byGroup.put(group, 0.0);
    }
    after
        .threadCpuNanos()
        .forEach(
            (id, nanos) -> {
              long used = nanos - before.threadCpuNanos().getOrDefault(id, 0L);
              byGroup.merge(group(after.threadNames().get(id)), used / 1e9, Double::sum);
            });
    double wall = (after.wallNanos() - before.wallNanos()) / 1e9;
    return new Use(
        wall,
        byGroup,
        (after.processCpuNanos() - before.processCpuNanos()) / 1e9,
        (after.compilationMillis() - before.compilationMillis()) / 1e3,
        after.machine().busyCoresSince(before.machine()),
        Runtime.getRuntime().availableProcessors());
  }

  /** The group of a thread, by the names the JDK, Kafka, Connect and the simulator give them. */
  static String group(String threadName) {
    if (threadName.startsWith("flashback-sim-") || threadName.equals("HTTP-Dispatcher")) {
      return SIMULATOR;
    }
    if (threadName.startsWith("task-thread-")) {
      return TASKS;
    }
    if (threadName.startsWith(ProducerBaseline.THREAD_PREFIX)) {
      return BASELINE;
    }
    if (threadName.startsWith("kafka-producer-network-thread")) {
      return PRODUCER_IO;
    }
    return OTHER;
  }

  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getProcessCpuTime()
        : -1;
  }

  /** The aggregate line of {@code /proc/stat}: busy and total ticks of all cores. */
  record MachineTicks(long busy, long total) {

    static MachineTicks read() {
      try {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
          total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new MachineTicks(total - idle, total);
      } catch (IOException | RuntimeException noProcStat) {
        return new MachineTicks(0, 0);
      }
    }

    /** Average busy cores since {@code earlier}; 0 where /proc/stat is missing. */
    double busyCoresSince(MachineTicks earlier) {
      long total = this.total - earlier.total;
      return total <= 0
          ? 0
          : (double) (busy - earlier.busy) / total * Runtime.getRuntime().availableProcessors();
    }
  }
}
