package tech.flashback.connect.bench.memory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import tech.flashback.connect.bench.Figure;
import tech.flashback.connect.bench.Formats;
import tech.flashback.connect.bench.Section;
import tech.flashback.connect.bench.endtoend.BackfillScenario;
import tech.flashback.connect.bench.memory.MemoryBenchmark.Options;
import tech.flashback.connect.bench.memory.MemoryBenchmark.Outcome;

/** The report's section for target 4: method, outcome, the heap over time, and the verdict. */
final class MemorySection {

  private static final String TARGET = "4. Memory";
  private static final int SLICES = 10;

  private final BackfillScenario scenario;
  private final Options options;
  private final Outcome outcome;
  private final HeapProfile profile;
  private final String collector;
  private final String chartLink;

  MemorySection(
      BackfillScenario scenario,
      Options options,
      Outcome outcome,
      HeapProfile profile,
      String collector,
      String chartLink) {
    this.scenario = scenario;
    this.options = options;
    this.outcome = outcome;
    this.profile = profile;
    this.collector = collector;
    this.chartLink = chartLink;
  }

  Section section() {
    return new Section(
        MemoryBenchmark.ID,
        40,
        "4. Memory: a 10-million-row backfill in a 256 MB worker",
        null,
        0,
        List.of(completionFigure(), flatnessFigure()),
        body());
  }

  private long maxHeapBytes() {
    return (long) options.heapMb() << 20;
  }

  private double rowsPerSecond() {
    return outcome.rowsWritten() / (outcome.duration().toMillis() / 1000.0);
  }

  private Figure completionFigure() {
    boolean met = outcome.completed() && outcome.offsetsAtEnd();
    String value =
        (met ? "completed" : "**not completed**")
            + " in "
            + Formats.duration(outcome.duration())
            + " ("
            + Formats.rate(rowsPerSecond(), "rows")
            + "); peak heap used "
            + Formats.mebibytes(profile.peakUsedBytes());
    return new Figure(
        TARGET + ": " + Formats.count(scenario.rows()) + "-row backfill",
        "completes in a " + options.heapMb() + " MB heap; peak heap used",
        value,
        "max heap " + Formats.mebibytes(maxHeapBytes()),
        Formats.percent((double) profile.peakUsedBytes() / maxHeapBytes()),
        "completes, every row once",
        met);
  }

  private Figure flatnessFigure() {
    double ratio = profile.liveSetGrowth();
    return new Figure(
        TARGET + ": heap after GC over the run",
        "live set (heap after a full GC) once the pipeline is full: lowest of the last quarter vs"
            + " the first",
        Formats.mebibytes(profile.steadyQuarter(3).minLiveBytes())
            + " vs "
            + Formats.mebibytes(profile.steadyQuarter(0).minLiveBytes()),
        "max heap " + Formats.mebibytes(maxHeapBytes()),
        Double.isNaN(ratio) ? "n/a" : Formats.percent(ratio),
        "flat: ≤ " + Formats.percent(1 + HeapProfile.FLAT_TOLERANCE) + " of the first quarter",
        outcome.completed() && profile.flat());
  }

  private String body() {
    StringBuilder md = new StringBuilder();
    md.append(method()).append('\n');
    md.append(outcomeTable()).append('\n');
    md.append(samplesTable()).append('\n');
    md.append(verdict()).append('\n');
    md.append("![Heap at each GC pause of the worker](").append(chartLink).append(")\n");
    return md.toString();
  }

  private String method() {
    return String.format(
        Locale.ROOT,
        """
        **Method.** A backfill of the `minute` stream, %s buckets × %d repos × %d host × %,d \
        minutes (%.1f days) = %s rows, by one task in a standalone Connect worker \
        (`ConnectStandalone`) that is a JVM of its own with `-Xms%dm -Xmx%dm` and its default \
        collector (%s), its GC log written with `%s`. The worker's class path is the Kafka and \
        Connect jars of the benchmark's class path without the project's classes; the connector \
        comes from the packaged plugin folder `target/plugin` on `plugin.path`, as users deploy \
        it. The broker (one KRaft node) and the API simulator run in the benchmark's JVM, on \
        loopback. The connector runs with its defaults (windows of one hour, 100 bucket ids per \
        request, so a response holds up to %,d rows; 2,000 records per poll); the worker's \
        converters are `JsonConverter` without schemas and the topic keeps 256 MiB per partition, \
        so the broker's disk stays small; neither changes what the worker holds. Timed from \
        connector creation until the topic's end offsets add up to the expected count; then the \
        committed offsets (`GET /connectors/%s/offsets`, flushed every 10 s here) must show every \
        bucket at the end of the history. From %s into the run on, every %s, the benchmark asks \
        the worker for a full collection (`jcmd <pid> GC.run`), so that the GC log samples the \
        live set, what no collection can free and what a leak makes grow; each sample costs the \
        worker one pause (counted in the pause time below).
        """,
        Formats.count(scenario.buckets()),
        scenario.repos(),
        scenario.hosts(),
        scenario.minutes(),
        scenario.minutes() / 1440.0,
        Formats.count(scenario.rows()),
        options.heapMb(),
        options.heapMb(),
        collector,
        GcLog.xlogOption(Path.of("gc.log")),
        Math.min(100, scenario.buckets()) * scenario.repos() * scenario.hosts() * 60,
        MemoryBenchmark.CONNECTOR,
        seconds(options.probeDelay()),
        seconds(options.probeInterval()));
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.0f s", duration.toMillis() / 1000.0);
  }

  private String outcomeTable() {
    StringBuilder md = new StringBuilder("| | |\n|---|---|\n");
    row(md, "completed", outcome.completed() ? "yes" : "**no**: " + outcome.problem());
    row(md, "rows in the topic", String.format(Locale.ROOT, "%,d", outcome.rowsWritten()));
    row(
        md,
        "committed offsets at the end of the history",
        outcome.offsetsAtEnd() ? "yes" : "**no**");
    row(md, "duration (connector creation to last row)", Formats.duration(outcome.duration()));
    row(md, "rows/s", Formats.rate(rowsPerSecond(), "rows"));
    row(md, "max heap", Formats.mebibytes(maxHeapBytes()));
    row(
        md,
        "peak heap used (before a GC pause)",
        Formats.mebibytes(profile.peakUsedBytes())
            + " ("
            + Formats.percent((double) profile.peakUsedBytes() / maxHeapBytes())
            + ")");
    row(
        md,
        "GC pauses, total pause time",
        profile.events().size()
            + ", "
            + Formats.duration(
                Duration.ofNanos(
                    (long)
                        (profile.events().stream().mapToDouble(GcEvent::pauseMillis).sum()
                            * 1e6))));
    row(
        md,
        "live set: samples, lowest–highest",
        profile.liveSet().size()
            + ", "
            + Formats.mebibytes(
                profile.liveSet().stream().mapToLong(GcEvent::afterBytes).min().orElse(0))
            + "–"
            + Formats.mebibytes(
                profile.liveSet().stream().mapToLong(GcEvent::afterBytes).max().orElse(0)));
    if (!outcome.creationAnswered()) {
      row(
          md,
          "note",
          "`POST /connectors` did not answer within 10 s although the connector ran: the"
              + " standalone herder drops the creation callback when the connector's first"
              + " `taskConfigs` throws (no bucket listing yet); a distributed worker retries");
    }
    if (outcome.failedProbes() > 0) {
      row(md, "live-set probes that failed", Integer.toString(outcome.failedProbes()));
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  private String samplesTable() {
    StringBuilder md =
        new StringBuilder(
            "The heap in "
                + SLICES
                + " equal slices of the run (from the GC log; MiB; \"after GC\" over the"
                + " ordinary pauses, the probe's full collections apart):\n\n"
                + "| slice (s) | GC pauses | pause time, ms | highest used before GC |"
                + " lowest after GC | highest after GC | live set, lowest–highest |\n"
                + "|---|---|---|---|---|---|---|\n");
    for (HeapProfile.Slice slice : profile.slices(SLICES)) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d–%d | %d | %.0f | %s | %s | %s | %s |%n",
              Duration.between(profile.start(), slice.from()).toSeconds(),
              Duration.between(profile.start(), slice.to()).toSeconds(),
              slice.events().size(),
              slice.pauseMillis(),
              mib(slice.maxBeforeBytes()),
              mib(slice.minAfterBytes()),
              mib(slice.maxAfterBytes()),
              slice.maxLiveBytes() == 0
                  ? "–"
                  : mib(slice.minLiveBytes()) + "–" + mib(slice.maxLiveBytes())));
    }
    return md.toString();
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f", bytes / (1024.0 * 1024.0));
  }

  private String verdict() {
    double ratio = profile.liveSetGrowth();
    long baseline = profile.steadyQuarter(0).minLiveBytes();
    return String.format(
        Locale.ROOT,
        """
        **Flat, as defined here.** The steady run starts when the benchmark first sees a tenth of \
        the rows in Kafka (%s into the run here): by then the pipeline is full. The heap after GC is flat when the \
        lowest live-set sample of the steady run's last quarter is at most %s above the lowest of \
        its first quarter. The live set rather than the heap after any pause: with %s, young \
        pauses leave old garbage in place until a concurrent cycle and mixed pauses clear it, so \
        the heap after those pauses saw-tooths with the collector's cycle (columns "lowest/highest \
        after GC", and the chart). The lowest sample rather than the highest, and the steady run \
        rather than the whole: the live set also holds the records in flight, since Connect keeps \
        every record until Kafka acknowledges it and the producer buffers up to `buffer.memory` \
        (32 MiB) of serialized records, each a few times larger as a `SourceRecord` on the heap; \
        that part fills up at the start and then comes and goes with the producer's backlog (the \
        spread of each slice's samples), while whatever leaks grows with the rows and is in every \
        sample, the lowest included. About %s rows lie between the two quarters, so a leak of \
        more than %s bytes per row fails this check. Here: %s in the last quarter against %s in \
        the first (%s), so the heap after GC is %s; the highest samples were %s and %s.
        """,
        Formats.duration(Duration.between(profile.start(), profile.steady())),
        Formats.percent(HeapProfile.FLAT_TOLERANCE),
        collector,
        Formats.count(rowsBetweenQuarters()),
        String.format(
            Locale.ROOT, "%.1f", HeapProfile.FLAT_TOLERANCE * baseline / rowsBetweenQuarters()),
        Formats.mebibytes(profile.steadyQuarter(3).minLiveBytes()),
        Formats.mebibytes(baseline),
        Double.isNaN(ratio)
            ? "a quarter without a sample, nothing to compare"
            : Formats.percent(ratio),
        profile.flat() ? "**flat**" : "**not flat**",
        Formats.mebibytes(profile.steadyQuarter(3).maxLiveBytes()),
        Formats.mebibytes(profile.steadyQuarter(0).maxLiveBytes()));
  }

  /**
   * Rows written between the end of the steady run's first quarter and the start of its last: half
   * of the nine tenths written in the steady run, at an even rate.
   */
  private long rowsBetweenQuarters() {
    return Math.max(1, scenario.rows() * 9 / 20);
  }
}
