package tech.flashback.connect.bench.conversion;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import tech.flashback.connect.bench.BenchContext;
import tech.flashback.connect.bench.BenchmarkPart;
import tech.flashback.connect.bench.Figure;
import tech.flashback.connect.bench.Section;
import tech.flashback.connect.bench.conversion.SimulatedResponses.Responses;

/**
 * Target 1: the connector's conversion of response bytes into {@code SourceRecord}s, per stream,
 * next to a bare Jackson pass over the same bytes, both measured by JMH in this run.
 */
public final class ConversionPart implements BenchmarkPart {

  static final String ID = "conversion";
  private static final int ORDER = 10;
  private static final int ITERATIONS = 5;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Section run(BenchContext context) throws Exception {
    Path scratch = context.scratch(ID);
    Responses responses = SimulatedResponses.get();
    double loadBefore = loadAverage();
    Options options =
        ConversionJmh.options(
                context,
                ID,
                ITERATIONS,
                "minuteConnector",
                "minuteJackson",
                "nodeDailyConnector",
                "nodeDailyJackson",
                "totalsConnector",
                "totalsJackson")
            .addProfiler(GCProfiler.class)
            .result(scratch.resolve("jmh-result.json").toString())
            .resultFormat(ResultFormatType.JSON)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    double loadAfter = loadAverage();
    Map<String, Score> scores = Score.byMethod(results);
    List<StreamFigures> streams =
        List.of(
            figures("minute", responses.minute(), scores, "minute"),
            figures("node-daily", responses.nodeDaily(), scores, "nodeDaily"),
            figures("bucket-totals", responses.totals(), scores, "totals"));
    List<Figure> figures = streams.stream().map(StreamFigures::figure).toList();
    String body =
        ConversionReport.markdown(
            streams,
            options,
            new ConversionReport.Load(loadBefore, loadAfter, context.machine().cores()));
    return new Section(
        ID,
        ORDER,
        "1. Conversion path: response bytes to SourceRecords (JMH)",
        Instant.now(),
        0,
        figures,
        body);
  }

  private static StreamFigures figures(
      String stream, SimulatedResponses.ResponseBody body, Map<String, Score> scores, String name) {
    Score connector = scores.get(name + "Connector");
    Score jackson = scores.get(name + "Jackson");
    if (connector == null || jackson == null) {
      throw new IllegalStateException("JMH returned no result for " + name + ": " + scores);
    }
    return new StreamFigures(stream, body, connector, jackson);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
