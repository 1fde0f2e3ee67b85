package tech.flashback.connect.bench.profile;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Counts profiler samples by method: execution samples by the method on top of the stack (self), by
 * every method on the stack (inclusive, a recursive method counted once per sample) and by the
 * first connector method from the top (attributed: the connector code a library call is made for);
 * allocation samples by class and by allocating connector method, weighted by bytes.
 *
 * <p>Stacks are lists of {@code package.Class.method} names, top frame first. "Connector" methods
 * are those of the connector's main code: under {@value #CONNECTOR} but not the benchmarks.
 */
final class SampleTally {

  static final String CONNECTOR = "tech.flashback.connect.";
  private static final String BENCHMARKS = "tech.flashback.connect.bench.";
  private static final String NO_CONNECTOR_FRAME = "(no connector frame)";

  private final Map<String, Long> self = new HashMap<>();
  private final Map<String, Long> inclusive = new HashMap<>();
  private final Map<String, Long> attributed = new HashMap<>();
  private final Map<String, Long> allocatedByClass = new HashMap<>();
  private final Map<String, Long> allocatedBySite = new HashMap<>();
  private final Map<String, Long> allocatedUnder = new HashMap<>();
  private long samples;
  private long allocationSamples;
  private long allocatedBytes;

  /** Whether a frame is the connector's own code. */
  static boolean isConnector(String method) {
    return method.startsWith(CONNECTOR) && !method.startsWith(BENCHMARKS);
  }

  void addExecution(List<String> stack) {
    if (stack.isEmpty()) {
      return;
    }
    samples++;
    self.merge(stack.get(0), 1L, Long::sum);
    Set<String> seen = new HashSet<>();
    for (String method : stack) {
      if (seen.add(method)) {
        inclusive.merge(method, 1L, Long::sum);
      }
    }
    attributed.merge(firstConnectorFrame(stack), 1L, Long::sum);
  }

  void addAllocation(String className, long bytes, List<String> stack) {
    allocationSamples++;
    allocatedBytes += bytes;
    allocatedByClass.merge(className, bytes, Long::sum);
    allocatedBySite.merge(firstConnectorFrame(stack), bytes, Long::sum);
    for (String method : new HashSet<>(stack)) {
      allocatedUnder.merge(method, bytes, Long::sum);
    }
  }

  private static String firstConnectorFrame(List<String> stack) {
    return stack.stream().filter(SampleTally::isConnector).findFirst().orElse(NO_CONNECTOR_FRAME);
  }

  long samples() {
    return samples;
  }

  long allocationSamples() {
    return allocationSamples;
  }

  long allocatedBytes() {
    return allocatedBytes;
  }

  /** Methods by samples on top of the stack, most first. */
  List<Count> topSelf(int limit) {
    return top(self, limit, m -> true);
  }

  /** Connector methods by samples anywhere on the stack, most first. */
  List<Count> topInclusiveConnector(int limit) {
    return top(inclusive, limit, SampleTally::isConnector);
  }

  /** Samples by the connector method nearest the top of the stack, most first. */
  List<Count> topAttributed(int limit) {
    return top(attributed, limit, m -> true);
  }

  /** Self samples summed by library (see {@link #library}), most first. */
  List<Count> selfByLibrary() {
    return top(regroup(self, SampleTally::library), Integer.MAX_VALUE, m -> true);
  }

  /** Samples with {@code method} anywhere on the stack. */
  long inclusiveOf(String method) {
    return inclusive.getOrDefault(method, 0L);
  }

  /** Bytes allocated with {@code method} anywhere on the stack. */
  long allocatedUnder(String method) {
    return allocatedUnder.getOrDefault(method, 0L);
  }

  List<Count> allocationByClass(int limit) {
    return top(allocatedByClass, limit, c -> true);
  }

  /** Allocated bytes by the connector method nearest the allocation, most first. */
  List<Count> allocationBySite(int limit) {
    return top(allocatedBySite, limit, m -> true);
  }

  /** A frame's library: the connector's package, or a well-known library's, or its top package. */
  static String library(String method) {
    if (isConnector(method)) {
      String rest = method.substring(CONNECTOR.length());
      int dot = rest.indexOf('.');
      boolean inSubPackage = dot > 0 && Character.isLowerCase(rest.charAt(0));
      return "connector" + (inSubPackage ? " (" + rest.substring(0, dot) + ")" : "");
    }
    for (String prefix :
        List.of(
            "com.fasterxml.jackson.",
            "org.apache.kafka.connect.",
            "java.util.",
            "java.time.",
            "java.lang.",
            "jdk.internal.")) {
      if (method.startsWith(prefix)) {
        return prefix.substring(0, prefix.length() - 1);
      }
    }
    String[] parts = method.split("\\.");
    return parts.length > 2 ? parts[0] + "." + parts[1] : method;
  }

  private static Map<String, Long> regroup(Map<String, Long> counts, Function<String, String> by) {
    Map<String, Long> grouped = new HashMap<>();
    counts.forEach((key, count) -> grouped.merge(by.apply(key), count, Long::sum));
    return grouped;
  }

  private static List<Count> top(Map<String, Long> counts, int limit, Predicate<String> keep) {
    return counts.entrySet().stream()
        .filter(e -> keep.test(e.getKey()))
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .map(e -> new Count(e.getKey(), e.getValue()))
        .toList();
  }

  /**
   * A name and how many samples (or bytes) it has.
   *
   * @param name a method, class or library
   * @param count samples, or bytes for allocations
   */
  record Count(String name, long count) {}
}
