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
 * Where the CPU went during a measurement, by thread group of this JVM (ThreadMXBean), for its JIT
 * compiler and garbage collector threads (which ThreadMXBean does not show; from {@code
 * /proc/self/task}), for the JVM as a whole, and for the machine ({@code /proc/stat}), so a run can
 * say how much the simulator took and how much other processes took from the shared cores.
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
      Map<Long, Long> threadUserNanos,
      Map<Long, String> threadNames,
      long processCpuNanos,
      Map<String, Long> jvmThreadTicks,
      MachineTicks machine) {}

  /**
   * CPU used between two snapshots, in seconds.
   *
   * @param wallSeconds elapsed time
   * @param byGroup CPU seconds of this JVM's threads, by group
   * @param otherByName CPU seconds of the {@link #OTHER} group's threads, by name with numbers
   *     masked ({@code data-plane-kafka-request-handler-#}), largest first
   * @param kernelByName of those, the seconds spent in the kernel (system time)
   * @param processSeconds CPU seconds of this JVM (threads, GC, JIT)
   * @param jitSeconds CPU seconds of the JIT compiler threads
   * @param gcSeconds CPU seconds of the garbage collector's threads (and the VM thread)
   * @param machineBusyCores average busy cores of the whole machine, all processes
   * @param cores the machine's cores
   */
  record Use(
      double wallSeconds,
      Map<String, Double> byGroup,
      Map<String, Double> otherByName,
      Map<String, Double> kernelByName,
      double processSeconds,
      double jitSeconds,
      double gcSeconds,
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

    /** The JVM's CPU no group shows: threads that ended during the run, other VM threads. */
    double otherJvmSeconds() {
      double threads = byGroup.values().stream().mapToDouble(d -> d).sum();
      return Math.max(0, processSeconds - threads - jitSeconds - gcSeconds);
    }
  }

  static Snapshot take() {
    Map<Long, Long> cpu = new HashMap<>();
    Map<Long, Long> user = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    for (var info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = THREADS.getThreadCpuTime(info.getThreadId());
      if (nanos >= 0) {
        cpu.put(info.getThreadId(), nanos);
        user.put(info.getThreadId(), THREADS.getThreadUserTime(info.getThreadId()));
        names.put(info.getThreadId(), info.getThreadName());
      }
    }
    return new Snapshot(
        System.nanoTime(),
        cpu,
        user,
        names,
        processCpuNanos(),
        JvmThreads.ticksByKind(),
        MachineTicks.read());
  }

  static Use between(Snapshot before, Snapshot after) {
    Map<String, Double> byGroup = new LinkedHashMap<>();
    for (String group : GROUPS) {
      byGroup.put(group, 0.0);
    }
    Map<String, Double> otherByName = new HashMap<>();
    Map<String, Double> kernelByName = new HashMap<>();
    after
        .threadCpuNanos()
        .forEach(
            (id, nanos) -> {
              double used = (nanos - before.threadCpuNanos().getOrDefault(id, 0L)) / 1e9;
              double user =
                  (after.threadUserNanos().getOrDefault(id, 0L)
                          - before.threadUserNanos().getOrDefault(id, 0L))
                      / 1e9;
              String name = after.threadNames().get(id);
              String group = group(name);
              byGroup.merge(group, used, Double::sum);
              if (group.equals(OTHER)) {
                String masked = name.replaceAll("\\d+", "#");
                otherByName.merge(masked, used, Double::sum);
                kernelByName.merge(masked, Math.max(0, used - user), Double::sum);
              }
            });
    double wall = (after.wallNanos() - before.wallNanos()) / 1e9;
    Map<String, Double> largestFirst = new LinkedHashMap<>();
    otherByName.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> largestFirst.put(e.getKey(), e.getValue()));
    return new Use(
        wall,
        byGroup,
        largestFirst,
        kernelByName,
        (after.processCpuNanos() - before.processCpuNanos()) / 1e9,
        JvmThreads.secondsBetween(before.jvmThreadTicks(), after.jvmThreadTicks(), JvmThreads.JIT),
        JvmThreads.secondsBetween(before.jvmThreadTicks(), after.jvmThreadTicks(), JvmThreads.GC),
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

  /**
   * CPU ticks of the JVM's own native threads, by kind, from {@code /proc/self/task/<tid>/stat}
   * (the kernel's thread names are the JVM's, cut to 15 characters); empty off Linux.
   */
  static final class JvmThreads {
    static final String JIT = "jit";
    static final String GC = "gc";
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private JvmThreads() {}

    static Map<String, Long> ticksByKind() {
      Map<String, Long> ticks = new HashMap<>();
      try (var tasks = Files.list(Path.of("/proc/self/task"))) {
        for (Path task : tasks.toList()) {
          String kind = kind(read(task.resolve("comm")).strip());
          if (kind != null) {
            ticks.merge(kind, cpuTicks(read(task.resolve("stat"))), Long::sum);
          }
        }
      } catch (IOException | RuntimeException noProc) {
        return Map.of();
      }
      return ticks;
    }

    /** Threads that live as long as the JVM, so the difference of two sums is what they used. */
    static double secondsBetween(Map<String, Long> before, Map<String, Long> after, String kind) {
      return (after.getOrDefault(kind, 0L) - before.getOrDefault(kind, 0L)) / TICKS_PER_SECOND;
    }

    static String kind(String threadName) {
      if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
        return JIT;
      }
      if (threadName.startsWith("GC Thread")
          || threadName.startsWith("G1 ")
          || threadName.equals("VM Thread")) {
        return GC;
      }
      return null;
    }

    /** utime + stime: fields 14 and 15, counted after the parenthesized name. */
    static long cpuTicks(String stat) {
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException gone) {
        return ""; // the thread ended between listing and reading
      }
    }
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
