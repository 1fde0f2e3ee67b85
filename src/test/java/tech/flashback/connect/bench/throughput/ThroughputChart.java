package tech.flashback.connect.bench.throughput;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The two throughput curves, each the connector against its limit, side by side in one PNG. */
final class ThroughputChart {

  private ThroughputChart() {}

  static void write(
      Path png, List<TaskBackfill.Point> byBuckets, List<TaskBackfill.Point> byIdsPerRequest)
      throws IOException {
    XYChart buckets =
        chart(
            "Minute backfill vs buckets (100 ids per request)",
            "buckets (log scale)",
            byBuckets,
            TaskBackfill.Point::buckets);
    XYChart ids =
        chart(
            "Minute backfill vs ids per request (1,000 buckets)",
            "bucket ids per request (log scale)",
            byIdsPerRequest,
            TaskBackfill.Point::idsPerRequest);
    BitmapEncoder.saveBitmap(
        List.of(buckets, ids), 1, 2, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static XYChart chart(
      String title,
      String xTitle,
      List<TaskBackfill.Point> points,
      ToIntFunction<TaskBackfill.Point> x) {
    XYChart chart =
        new XYChartBuilder()
            .width(640)
            .height(420)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle("rows/s, one task")
            .build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisDecimalPattern("#,###");
    chart.getStyler().setXAxisDecimalPattern("#,###");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setMarkerSize(7);
    double[] xs = points.stream().mapToDouble(p -> x.applyAsInt(p)).toArray();
    chart.addSeries(
        "connector task (parse, records, offsets)",
        xs,
        points.stream().mapToDouble(p -> p.connector().rowsPerSecond()).toArray());
    chart.addSeries(
        "limit: same requests, bare OkHttp + Jackson",
        xs,
        points.stream().mapToDouble(p -> p.limit().rowsPerSecond()).toArray());
    return chart;
  }
}
