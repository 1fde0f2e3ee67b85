package tech.flashback.connect.bench.memory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The memory benchmark's chart: heap before and after every GC pause over the run, in PNG. */
final class HeapChart {

  private static final double MIB = 1024.0 * 1024.0;

  private HeapChart() {}

  static void write(Path png, HeapProfile profile, int maxHeapMb) throws IOException {
    List<GcEvent> events = profile.events();
    if (events.isEmpty()) {
      return;
    }
    List<GcEvent> ordinary = events.stream().filter(e -> !HeapProfile.isProbe(e)).toList();
    double[] seconds = ordinary.stream().mapToDouble(e -> secondsInto(profile, e)).toArray();
    double[] before = ordinary.stream().mapToDouble(e -> e.beforeBytes() / MIB).toArray();
    double[] after = ordinary.stream().mapToDouble(e -> e.afterBytes() / MIB).toArray();
    List<GcEvent> live = profile.liveSet();
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(420)
            .title("Standalone worker, " + maxHeapMb + " MB heap: heap at each GC pause, live set")
            .xAxisTitle("seconds since the connector was created")
            .yAxisTitle("MiB")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(maxHeapMb * 1.1);
    points(chart.addSeries("used before GC", seconds, before));
    points(chart.addSeries("used after GC", seconds, after));
    if (!live.isEmpty()) {
      XYSeries liveSet =
          chart.addSeries(
              "live set (after a full GC, sampled)",
              live.stream().mapToDouble(e -> secondsInto(profile, e)).toArray(),
              live.stream().mapToDouble(e -> e.afterBytes() / MIB).toArray());
      liveSet.setMarker(SeriesMarkers.DIAMOND);
    }
    double end = profile.duration().toMillis() / 1000.0;
    XYSeries max =
        chart.addSeries(
            "max heap (-Xmx)", new double[] {0, end}, new double[] {maxHeapMb, maxHeapMb});
    max.setMarker(SeriesMarkers.NONE);
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static void points(XYSeries series) {
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    series.setMarker(SeriesMarkers.CIRCLE);
  }

  private static double secondsInto(HeapProfile profile, GcEvent event) {
    return Duration.between(profile.start(), event.time()).toMillis() / 1000.0;
  }
}
