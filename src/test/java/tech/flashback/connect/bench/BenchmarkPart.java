package tech.flashback.connect.bench;

/** One benchmark of the suite: runs, then describes what it measured as a {@link Section}. */
public interface BenchmarkPart {

  /** A short id, used to pick parts with {@code -Dbench.parts=a,b} and as the section's file. */
  String id();

  /**
   * Runs the benchmark.
   *
   * @param context where to write files, the machine, and the run's options
   * @return the section for the report; {@link Section#measuredAt()} and {@link Section#seconds()}
   *     are filled in by the suite
   */
  Section run(BenchContext context) throws Exception;
}
