package tech.flashback.connect.bench.conversion;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/**
 * One JMH benchmark's result, per operation (one response body).
 *
 * @param opsPerSecond the mean throughput
 * @param error the half-width of JMH's 99.9% confidence interval, NaN with too few iterations
 * @param bytesPerOp bytes allocated per operation (JMH's gc profiler), NaN without it
 */
record Score(double opsPerSecond, double error, double bytesPerOp) {

  private static final String ALLOCATION_PER_OP = "gc.alloc.rate.norm";

  /** The scores by benchmark method name ({@code minuteConnector}, ..). */
  static Map<String, Score> byMethod(Collection<RunResult> results) {
    Map<String, Score> scores = new HashMap<>();
    for (RunResult run : results) {
      String benchmark = run.getParams().getBenchmark();
      scores.put(
          benchmark.substring(benchmark.lastIndexOf('.') + 1),
          new Score(
              run.getPrimaryResult().getScore(),
              run.getPrimaryResult().getScoreError(),
              allocation(run)));
    }
    return scores;
  }

  private static double allocation(RunResult run) {
    // Older JMH versions prefix the label with a middle dot.
    for (String label : run.getSecondaryResults().keySet()) {
      if (label.endsWith(ALLOCATION_PER_OP)) {
        return run.getSecondaryResults().get(label).getScore();
      }
    }
    return Double.NaN;
  }

  /** Rows per second for a body of {@code rows} rows. */
  double rowsPerSecond(int rows) {
    return opsPerSecond * rows;
  }

  /** The error in rows per second. */
  double rowsError(int rows) {
    return error * rows;
  }
}
