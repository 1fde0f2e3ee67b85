package tech.flashback.connect.bench.conversion;

import java.util.Locale;
import tech.flashback.connect.bench.Figure;
import tech.flashback.connect.bench.Formats;
import tech.flashback.connect.bench.conversion.SimulatedResponses.ResponseBody;

/**
 * One stream's conversion figures: the connector next to the bare Jackson pass over the same body.
 *
 * @param stream the stream's name, e.g. {@code minute}
 * @param body the body both read
 * @param connector the connector's score
 * @param jackson the bare Jackson pass's score
 */
record StreamFigures(String stream, ResponseBody body, Score connector, Score jackson) {

  static final double REQUIRED_ROWS_PER_SECOND = 1_000_000;
  static final double REQUIRED_RATIO = 0.5;
  static final String REQUIRED = "≥ 1M rows/s and ≥ 50% of the limit";

  double rowsPerSecond() {
    return connector.rowsPerSecond(body.rows());
  }

  double limitRowsPerSecond() {
    return jackson.rowsPerSecond(body.rows());
  }

  double ratio() {
    return rowsPerSecond() / limitRowsPerSecond();
  }

  boolean fastEnough() {
    return rowsPerSecond() >= REQUIRED_ROWS_PER_SECOND;
  }

  boolean closeEnough() {
    return ratio() >= REQUIRED_RATIO;
  }

  boolean met() {
    return fastEnough() && closeEnough();
  }

  Figure figure() {
    return new Figure(
        "1. Conversion: " + stream + " rows",
        "rows/s, bytes → SourceRecords, one thread",
        withError(connector),
        "bare Jackson pass: " + Formats.rate(limitRowsPerSecond(), "rows"),
        Formats.percent(ratio()),
        REQUIRED,
        met());
  }

  /** A rate with JMH's error, e.g. {@code 1.23M rows/s ± 0.02M}. */
  String withError(Score score) {
    String rate = Formats.rate(score.rowsPerSecond(body.rows()), "rows");
    double error = score.rowsError(body.rows());
    return Double.isNaN(error) ? rate : rate + " ± " + Formats.count(error);
  }

  /** Bytes allocated per row, e.g. {@code 812 B}, or "n/a" without the gc profiler. */
  static String perRow(Score score, int rows) {
    return Double.isNaN(score.bytesPerOp())
        ? "n/a"
        : String.format(Locale.ROOT, "%,.0f B", score.bytesPerOp() / rows);
  }
}
