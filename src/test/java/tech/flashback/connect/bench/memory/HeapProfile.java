package tech.flashback.connect.bench.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The heap of a run as its GC pauses show it: the peak (heap used before a pause), the heap left
 * after each pause over time, and whether that stays flat.
 *
 * <p>Flat means: the highest heap after GC in the last quarter of the run is at most {@link
 * #FLAT_TOLERANCE} above the highest in the first quarter. The highest, not the lowest, because a
 * leak shows first in what a collection cannot free; with G1, young pauses leave old garbage in
 * place until a mixed collection, so the highest value after GC is also the one most sensitive to
 * growth. The least-squares slope over all pauses is reported next to it.
 *
 * @param start when the run started (connector created)
 * @param end when it ended (last record in Kafka)
 * @param events the pauses between start and end
 */
public record HeapProfile(Instant start, Instant end, List<GcEvent> events) {

  /** How much higher the last quarter may go than the first and still count as flat. */
  public static final double FLAT_TOLERANCE = 0.15;

  public HeapProfile {
    events = List.copyOf(events);
  }

  /** The pauses of {@code all} between {@code start} and {@code end}. */
  public static HeapProfile of(List<GcEvent> all, Instant start, Instant end) {
    return new HeapProfile(
        start,
        end,
        all.stream().filter(e -> !e.time().isBefore(start) && !e.time().isAfter(end)).toList());
  }

  public Duration duration() {
    return Duration.between(start, end);
  }

  /** The most heap in use at any pause (its value before the pause); 0 without pauses. */
  public long peakUsedBytes() {
    return events.stream().mapToLong(GcEvent::beforeBytes).max().orElse(0);
  }

  /** The i-th of {@code n} equal slices of the run. */
  public Slice slice(int i, int n) {
    long nanos = duration().toNanos();
    Instant from = start.plusNanos(nanos * i / n);
    Instant to = start.plusNanos(nanos * (i + 1) / n);
    List<GcEvent> in =
        events.stream()
            .filter(e -> !e.time().isBefore(from) && (e.time().isBefore(to) || i == n - 1))
            .toList();
    return new Slice(from, to, in);
  }

  public List<Slice> slices(int n) {
    List<Slice> slices = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      slices.add(slice(i, n));
    }
    return slices;
  }

  /** Last quarter's highest heap after GC over the first quarter's; NaN if either has no pause. */
  public double lastOverFirstQuarter() {
    Slice first = slice(0, 4);
    Slice last = slice(3, 4);
    if (first.events().isEmpty() || last.events().isEmpty()) {
      return Double.NaN;
    }
    return (double) last.maxAfterBytes() / first.maxAfterBytes();
  }

  public boolean flat() {
    return lastOverFirstQuarter() <= 1 + FLAT_TOLERANCE;
  }

  /** Least-squares slope of heap after GC over time, in bytes per minute; 0 with under 2 pauses. */
  public double slopeBytesPerMinute() {
    int n = events.size();
    if (n < 2) {
      return 0;
    }
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (GcEvent e : events) {
      double x = Duration.between(start, e.time()).toMillis() / 60_000.0;
      double y = e.afterBytes();
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double denominator = n * sxx - sx * sx;
    return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
  }

  /**
   * The pauses of one slice of the run.
   *
   * @param from start of the slice
   * @param to end of the slice
   * @param events its pauses
   */
  public record Slice(Instant from, Instant to, List<GcEvent> events) {

    public long maxBeforeBytes() {
      return events.stream().mapToLong(GcEvent::beforeBytes).max().orElse(0);
    }

    public long maxAfterBytes() {
      return events.stream().mapToLong(GcEvent::afterBytes).max().orElse(0);
    }

    public long minAfterBytes() {
      return events.stream().mapToLong(GcEvent::afterBytes).min().orElse(0);
    }

    public double pauseMillis() {
      return events.stream().mapToDouble(GcEvent::pauseMillis).sum();
    }
  }
}
