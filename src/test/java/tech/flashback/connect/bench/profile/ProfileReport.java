package tech.flashback.connect.bench.profile;

import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.runner.options.Options;
import tech.flashback.connect.bench.Formats;
import tech.flashback.connect.bench.conversion.ConversionJmh;
import tech.flashback.connect.bench.profile.HotPathProfilePart.Phase;
import tech.flashback.connect.bench.profile.HotPathProfilePart.StreamProfile;
import tech.flashback.connect.bench.profile.SampleTally.Count;

/**
 * The Markdown body of the profile section: full tables for the minute stream (the one with the
 * volume), the phases and the top connector methods for the others, then the findings, with the
 * figures of this run filled in.
 */
final class ProfileReport {

  private static final int TOP = 15;
  private static final int TOP_OTHERS = 8;
  private static final String JACKSON = "com.fasterxml.jackson";
  private static final String STRUCT_VALIDATION =
      "org.apache.kafka.connect.data.ConnectSchema.validateValue";
  private static final String MINUTE_OFFSET_MAP =
      "tech.flashback.connect.offset.MinuteOffset.toMap";

  private ProfileReport() {}

  static String markdown(List<StreamProfile> streams, Options options) {
    StringBuilder md = new StringBuilder();
    method(md, streams, options);
    for (StreamProfile stream : streams) {
      boolean full = stream.stream().equals("minute");
      md.append("### ").append(title(stream)).append("\n\n");
      overview(md, stream);
      phases(md, stream);
      if (full) {
        fullTables(md, stream.profile().tally());
      } else {
        md.append("**Samples by the connector method nearest the top:**\n\n");
        table(md, "method", stream.profile().tally().topAttributed(TOP_OTHERS), stream, true);
      }
    }
    findings(md, streams);
    return md.toString();
  }

  private static String title(StreamProfile stream) {
    return switch (stream.stream()) {
      case "minute" -> "minute";
      case "nodeDaily" -> "node-daily";
      default -> "bucket-totals";
    };
  }

  private static void method(StringBuilder md, List<StreamProfile> streams, Options options) {
    md.append("### Method\n\n")
        .append("Each connector benchmark of the conversion section ran once more under Java")
        .append(" Flight Recorder, started by JMH's `jfr` profiler for the measured iterations")
        .append(" only: execution samples every millisecond with `-XX:+DebugNonSafepoints` (so")
        .append(" inlined code is charged to its own method, not to the nearest safepoint),")
        .append(" allocation samples weighted by bytes, and garbage collections. Only the JMH")
        .append(" worker thread's samples count; a sample is charged to the method on top of the")
        .append(" stack (self), to every method on the stack (inclusive), and to the connector")
        .append(" method nearest the top (the connector code a library call was made for).")
        .append(" Allocation samples count only with a connector frame on the stack: one taken in")
        .append(" JMH's harness between iterations can carry the weight of gigabytes the")
        .append(" benchmark allocated before it.")
        .append(
            format(
                " %d measured iterations of %s per stream, forks run with `%s`. The recordings"
                    + " open in JDK Mission Control:\n\n",
                options.getMeasurementIterations().orElse(0),
                options.getMeasurementTime().orElse(null),
                String.join(" ", ConversionJmh.FORK_JVM_ARGS)));
    for (StreamProfile stream : streams) {
      md.append("- ").append(title(stream)).append(": `").append(stream.recording()).append("`\n");
    }
    md.append('\n');
  }

  private static void overview(StringBuilder md, StreamProfile stream) {
    JfrProfile profile = stream.profile();
    md.append(
        format(
            "%s under the recorder (the conversion section has the unprofiled rate); %,d"
                + " execution samples (%,d with a truncated stack), %,d allocation samples"
                + " standing for %s; %d garbage collections with %s of pauses in all.\n\n",
            Formats.rate(stream.rowsPerSecond(), "rows"),
            profile.tally().samples(),
            profile.truncatedStacks(),
            profile.tally().allocationSamples(),
            Formats.mebibytes(profile.tally().allocatedBytes()),
            profile.collections(),
            Formats.duration(profile.gcPauses())));
  }

  private static void phases(StringBuilder md, StreamProfile stream) {
    SampleTally tally = stream.profile().tally();
    md.append("| step | samples under | share |\n|---|---|---|\n");
    for (Phase phase : stream.phases()) {
      md.append(
          format(
              "| %s | `%s` | %s |\n",
              phase.name(),
              shortName(phase.method()),
              share(tally.inclusiveOf(phase.method()), tally)));
    }
    md.append('\n');
  }

  private static void fullTables(StringBuilder md, SampleTally tally) {
    md.append("**Self samples by library** (the code that was running):\n\n");
    table(md, "library", tally.selfByLibrary(), tally, false);
    md.append("**Top methods by self samples** (all code):\n\n");
    table(md, "method", tally.topSelf(TOP), tally, true);
    md.append("**Connector methods by inclusive samples** (anywhere on the stack):\n\n");
    table(md, "method", tally.topInclusiveConnector(TOP), tally, true);
    md.append("**Samples by the connector method nearest the top** (library time charged to the")
        .append(" connector code that called it):\n\n");
    table(md, "method", tally.topAttributed(TOP), tally, true);
    md.append("**Allocation by class** (sampled bytes):\n\n");
    bytesTable(md, "class", tally.allocationByClass(TOP), tally);
    md.append("**Allocation by the connector method nearest the allocation:**\n\n");
    bytesTable(md, "method", tally.allocationBySite(TOP), tally);
  }

  private static void findings(StringBuilder md, List<StreamProfile> streams) {
    md.append("### Findings\n\n");
    for (StreamProfile stream : streams) {
      SampleTally tally = stream.profile().tally();
      long samples = Math.max(1, tally.samples());
      long bytes = Math.max(1, tally.allocatedBytes());
      String read = stream.phases().get(0).method();
      md.append(
          format(
              "- **%s**: reading the body takes %s of the samples and %s of the allocated bytes."
                  + " Jackson's own code is at least %s of the samples (its self time; Jackson"
                  + " code inlined into a connector method is charged to that method). The rest"
                  + " of reading is the connector's per-value work: converting each value as it"
                  + " passes (`RowCursor`), sharing repeated ids before a `String` is made, boxing"
                  + " into the row's model. Connect's `Struct` validation takes %s of the samples"
                  + " and %s of the bytes.",
              title(stream),
              percent(tally.inclusiveOf(read), samples),
              percent(tally.allocatedUnder(read), bytes),
              percent(selfOf(tally, JACKSON), samples),
              percent(tally.inclusiveOf(STRUCT_VALIDATION), samples),
              percent(tally.allocatedUnder(STRUCT_VALIDATION), bytes)));
      md.append(detail(stream, tally, samples)).append('\n');
    }
    md.append('\n')
        .append("The bytes Connect's validation allocates are not the check itself: in Kafka 4.3,")
        .append(" `ConnectSchema.validateValue(String, Schema, Object)`, which every `Struct.put`")
        .append(" calls, first concatenates the text of a possible error message")
        .append(" (`field: \"<name>\"`), error or not. The fix belongs upstream: build the text")
        .append(" only when the check fails. [docs/upstream](upstream/README.md) holds that patch")
        .append(" for Kafka and its measurement. The connector cannot avoid the cost short of")
        .append(" bypassing `Struct`'s checks.\n\n")
        .append("Rows are read straight into their typed model: `RowCursor` converts each value")
        .append(" as the parser passes it (numbers as primitives, repeated ids shared before a")
        .append(" `String` is made and compared first with the field's last two values, the")
        .append(" request's own ids reused, ids that never repeat in a response not looked up,")
        .append(" ISO-8601 in its common shapes without `DateTimeFormatter`,")
        .append(" the next field name predicted and matched against the raw bytes), and a row")
        .append(" it does not take is read again from its own bytes into a `RawRow` for the")
        .append(" reference mapping and the error report. What is left beyond the bare pass is")
        .append(" the model and record objects themselves and Connect's validation of every")
        .append(" `Struct.put`.\n");
  }

  private static String detail(StreamProfile stream, SampleTally tally, long samples) {
    return switch (stream.stream()) {
      case "minute" ->
          format(
              " Offsets take %s (the offset past a minute is built once per minute and shared;"
                  + " one inside a minute is built only if Connect reads it).",
              percent(tally.inclusiveOf(MINUTE_OFFSET_MAP), samples));
      case "nodeDaily" ->
          format(
              " Reading timestamps (`last_updated`, ISO-8601) takes %s.",
              percent(tally.inclusiveOf(stream.phases().get(1).method()), samples));
      default ->
          format(
              " Counters sent as numeric strings take %s to turn into `long`s.",
              percent(tally.inclusiveOf(stream.phases().get(1).method()), samples));
    };
  }

  private static long selfOf(SampleTally tally, String library) {
    return tally.selfByLibrary().stream()
        .filter(c -> c.name().equals(library))
        .mapToLong(Count::count)
        .sum();
  }

  private static void table(
      StringBuilder md, String what, List<Count> counts, StreamProfile stream, boolean code) {
    table(md, what, counts, stream.profile().tally(), code);
  }

  private static void table(
      StringBuilder md, String what, List<Count> counts, SampleTally tally, boolean code) {
    md.append("| ").append(what).append(" | samples | share |\n|---|---|---|\n");
    for (Count count : counts) {
      md.append(
          format(
              "| %s | %,d | %s |\n",
              code ? "`" + shortName(count.name()) + "`" : count.name(),
              count.count(),
              share(count.count(), tally)));
    }
    md.append('\n');
  }

  private static void bytesTable(
      StringBuilder md, String what, List<Count> counts, SampleTally tally) {
    md.append("| ").append(what).append(" | share of bytes |\n|---|---|\n");
    for (Count count : counts) {
      md.append(
          format(
              "| `%s` | %s |\n",
              shortName(count.name()),
              percent(count.count(), Math.max(1, tally.allocatedBytes()))));
    }
    md.append('\n');
  }

  /** Drops the connector's package prefix, which every connector frame shares. */
  static String shortName(String name) {
    return name.startsWith(SampleTally.CONNECTOR)
        ? name.substring(SampleTally.CONNECTOR.length())
        : name;
  }

  private static String share(long count, SampleTally tally) {
    return percent(count, Math.max(1, tally.samples()));
  }

  private static String percent(long count, long total) {
    return Formats.percent((double) count / total);
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
