package tech.flashback.connect.bench.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The heap of a run as its GC pauses show it: the peak (heap used before a pause), the heap left
 * after every pause, and the live set (the heap after the {@link LiveSetProbe}'s full collections)
 * over time.
 *
 * <p>Flat means: the lowest live-set sample of the last quarter of the steady run is at most {@link
 * #FLAT_TOLERANCE} above the lowest of its first quarter. The live set, not the heap after any
 * pause: after G1's young pauses the heap holds old garbage that waits for the next mixed
 * collection, so those values saw-tooth with G1's cycle whatever the application does, while a full
 * collection leaves only what is still reachable, which is what a leak makes grow. The steady run
 * starts once the pipeline is full (see {@code steady}): before, the records in flight that the
 * live set also holds are still fewer, and a comparison with them would count filling up as growth.
 *
 * @param start when the run started (connector created)
 * @param steady when the steady run started: a tenth of the rows were in Kafka
 * @param end when it ended (last record in Kafka)
 * @param events the pauses between start and end
 */
public record HeapProfile(Instant start, Instant steady, Instant end, List<GcEvent> events) {

  /** How much higher the last quarter's live set may go than the first's and still be flat. */
  public static final double FLAT_TOLERANCE = 0.15;

  public HeapProfile {
    events = List.copyOf(events);
    if (steady.isBefore(start) || steady.isAfter(end)) {
      throw new IllegalArgumentException(
          "steady " + steady + " outside [" + start + ", " + end + "]");
    }
  }

  /** The pauses of {@code all} between {@code start} and {@code end}. */
  public static HeapProfile of(List<GcEvent> all, Instant start, Instant steady, Instant end) {
    return new HeapProfile(
        start,
        steady,
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

  /** The probe's full collections: the live set over time. */
  public List<GcEvent> liveSet() {
    return events.stream().filter(HeapProfile::isProbe).toList();
  }

  static boolean isProbe(GcEvent event) {
    return event.kind().contains(LiveSetProbe.CAUSE);
  }

  /** The i-th of {@code n} equal slices of the run. */
  public Slice slice(int i, int n) {
    return slice(start, i, n);
  }

  /** The i-th quarter of the steady run. */
  public Slice steadyQuarter(int i) {
    return slice(steady, i, 4);
  }

  /** The i-th of {@code n} equal slices of {@code [origin, end]}. */
  private Slice slice(Instant origin, int i, int n) {
    long nanos = Duration.between(origin, end).toNanos();
    Instant from = origin.plusNanos(nanos * i / n);
    Instant to = origin.plusNanos(nanos * (i + 1) / n);
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

  /**
   * The lowest live set of the steady run's last quarter over its first quarter's; NaN if either
   * has no sample.
   */
  public double liveSetGrowth() {
    long first = steadyQuarter(0).minLiveBytes();
    long last = steadyQuarter(3).minLiveBytes();
    return first == 0 || last == 0 ? Double.NaN : (double) last / first;
  }

  /** Whether the live set stayed flat; false when a quarter has no sample to tell. */
  public boolean flat() {
    return liveSetGrowth() <= 1 + FLAT_TOLERANCE;
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

    /** The heap after the slice's ordinary pauses (the probe's full collections left out). */
    public long minAfterBytes() {
      return ordinary().mapToLong(GcEvent::afterBytes).min().orElse(0);
    }

    public long maxAfterBytes() {
      return ordinary().mapToLong(GcEvent::afterBytes).max().orElse(0);
    }

    /** The lowest live set sampled in the slice; 0 without a sample. */
    public long minLiveBytes() {
      return live().min().orElse(0);
    }

    /** The highest live set sampled in the slice; 0 without a sample. */
    public long maxLiveBytes() {
      return live().max().orElse(0);
    }

    private LongStream live() {
      return events.stream().filter(HeapProfile::isProbe).mapToLong(GcEvent::afterBytes);
    }

    public double pauseMillis() {
      return events.stream().mapToDouble(GcEvent::pauseMillis).sum();
    }

    private Stream<GcEvent> ordinary() {
      return events.stream().filter(e -> !isProbe(e));
    }
  }
}
