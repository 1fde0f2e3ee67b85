package tech.flashback.connect.bench.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.JavaFlightRecorderProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import tech.flashback.connect.bench.BenchContext;
import tech.flashback.connect.bench.BenchmarkPart;
import tech.flashback.connect.bench.Section;
import tech.flashback.connect.bench.conversion.ConversionJmh;

/**
 * The profile of the hot path: the connector's conversion benchmarks once more, under Java Flight
 * Recorder, with each recording read back into tables of where the time and the allocations go.
 */
public final class HotPathProfilePart implements BenchmarkPart {

  static final String ID = "profile";
  private static final int ORDER = 90;
  private static final int ITERATIONS = 4;
  private static final String SETTINGS = "hot-path.jfc";

  /** JMH names its worker threads {@code <benchmark>-jmh-worker-<n>}. */
  private static final String WORKER_THREAD = "jmh-worker";

  /** The streams profiled, by benchmark method, with the phases each one's path goes through. */
  private static final Map<String, List<Phase>> STREAMS =
      Map.of(
          "minute",
          List.of(
              Phase.READ,
              new Phase(
                  "filter to the window, de-duplicate, order",
                  "tech.flashback.connect.stream.MinuteStream.rowsToEmit"),
              new Phase(
                  "offsets and records",
                  "tech.flashback.connect.stream.MinuteStream.appendRecords"),
              new Phase(
                  "of which the `SourceRecord`s, `Struct`s and headers",
                  "tech.flashback.connect.record.MinuteStatsRecords.toRecord")),
          "nodeDaily",
          List.of(
              Phase.READ,
              new Phase(
                  "of which timestamps (`last_updated`, ISO-8601)",
                  "tech.flashback.connect.client.json.RowCursor.instant"),
              new Phase(
                  "de-duplicate, order",
                  "tech.flashback.connect.stream.NodeDailyStream.nodesToEmit"),
              new Phase(
                  "the `SourceRecord`s, `Struct`s and headers",
                  "tech.flashback.connect.record.NodeDailyRecords.toRecord")),
          "totals",
          List.of(
              Phase.READ,
              new Phase(
                  "of which numeric strings to `long`",
                  "tech.flashback.connect.client.json.RowCursor.int64"),
              new Phase(
                  "the `SourceRecord`s, `Struct`s and headers",
                  "tech.flashback.connect.record.BucketTotalsRecords.toRecord")));

  private static final List<String> ORDERED = List.of("minute", "nodeDaily", "totals");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Section run(BenchContext context) throws Exception {
    Path scratch = context.scratch(ID);
    Path settings = copySettings(scratch);
    Path recordings = scratch.resolve("jfr");
    deleteRecordings(recordings);
    Options options =
        ConversionJmh.options(
                context,
                ID,
                ITERATIONS,
                ORDERED.stream().map(s -> s + "Connector").toArray(String[]::new))
            .addProfiler(
                JavaFlightRecorderProfiler.class,
                "dir=" + recordings + ";configName=" + settings + ";debugNonSafePoints=true")
            .build();
    List<StreamProfile> profiles = new ArrayList<>();
    for (RunResult result : new Runner(options).run()) {
      profiles.add(profile(result, recordings, context.docsDir().getParent()));
    }
    profiles.sort(Comparator.comparingInt(p -> ORDERED.indexOf(p.stream())));
    return new Section(
        ID,
        ORDER,
        "Profile of the hot path",
        Instant.now(),
        0,
        List.of(),
        ProfileReport.markdown(profiles, options));
  }

  private static StreamProfile profile(RunResult result, Path recordings, Path base)
      throws IOException {
    String benchmark = result.getParams().getBenchmark();
    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
    String stream = method.substring(0, method.length() - "Connector".length());
    Path recording = recordingOf(recordings, benchmark);
    return new StreamProfile(
        stream,
        method,
        result.getPrimaryResult().getScore() * ConversionJmh.rowsPerOperation(method),
        JfrProfile.read(recording, WORKER_THREAD),
        STREAMS.get(stream),
        base.relativize(recording));
  }

  private static Path copySettings(Path scratch) throws IOException {
    Path settings = scratch.resolve(SETTINGS);
    try (InputStream in = HotPathProfilePart.class.getResourceAsStream(SETTINGS)) {
      if (in == null) {
        throw new IllegalStateException(SETTINGS + " is not on the class path");
      }
      Files.copy(in, settings, StandardCopyOption.REPLACE_EXISTING);
    }
    return settings;
  }

  /** Recordings of earlier runs would be picked up instead of this one's. */
  private static void deleteRecordings(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(HotPathProfilePart::delete);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JMH's jfr profiler writes {@code <dir>/<benchmark>-<mode>/profile.jfr}. */
  private static Path recordingOf(Path folder, String benchmark) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(f -> f.toString().endsWith(".jfr"))
          .filter(f -> f.getParent().getFileName().toString().startsWith(benchmark + "-"))
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("no recording of " + benchmark + " in " + folder));
    }
  }

  /**
   * A step of a stream's path, measured by the samples with its method on the stack.
   *
   * @param name what the step does
   * @param method the method that does it, {@code package.Class.method}
   */
  record Phase(String name, String method) {
    static final Phase READ =
        new Phase(
            "read the body into typed rows (Jackson, `RowCursor`, mapper)",
            "tech.flashback.connect.client.json.ResponseReader.read");
  }

  /**
   * One stream's profile.
   *
   * @param stream the benchmark's stream prefix: {@code minute}, {@code nodeDaily}, {@code totals}
   * @param benchmark the benchmark method
   * @param rowsPerSecond the throughput under the recorder
   * @param profile what the recording holds
   * @param phases the steps of the stream's path
   * @param recording the recording, relative to the project
   */
  record StreamProfile(
      String stream,
      String benchmark,
      double rowsPerSecond,
      JfrProfile profile,
      List<Phase> phases,
      Path recording) {}
}
