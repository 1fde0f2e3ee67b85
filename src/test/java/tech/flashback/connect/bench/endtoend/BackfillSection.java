package tech.flashback.connect.bench.endtoend;

import static tech.flashback.connect.bench.endtoend.BackfillBenchmark.median;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tech.flashback.connect.bench.Figure;
import tech.flashback.connect.bench.Formats;
import tech.flashback.connect.bench.Section;
import tech.flashback.connect.bench.endtoend.BackfillBenchmark.Kinds;
import tech.flashback.connect.bench.endtoend.BackfillBenchmark.Options;

/** The report's section for target 2: method, results, where the CPU went, and what it means. */
final class BackfillSection {

  static final double REQUIRED_RATIO = 0.70;
  private static final String TARGET = "2. End-to-end backfill";
  private static final String JIT = "JIT";
  private static final String GC = "GC";
  private static final String OTHER_JVM = "other JVM";

  /** How the reading names the CPU table's columns. */
  private static final Map<String, String> READABLE =
      Map.of(
          CpuMeter.TASKS,
          "in the task threads (against the baseline's sending threads)",
          CpuMeter.SIMULATOR,
          "in the simulator",
          CpuMeter.PRODUCER_IO,
          "in the producers' network threads",
          CpuMeter.OTHER,
          "in the broker and the worker",
          JIT,
          "in the JIT compiler",
          GC,
          "in garbage collection",
          OTHER_JVM,
          "in other JVM work");

  /** What would take the CPU of a group off the connector's path, for the reading. */
  private static final Map<String, String> REMEDIES =
      Map.of(
          CpuMeter.SIMULATOR,
          "the API off these cores (in a deployment it is another machine)",
          CpuMeter.TASKS,
          "a cheaper way from response to record in the task (see the conversion benchmark)",
          CpuMeter.OTHER,
          "a broker on cores of its own (see the kernel share of its request handlers below)",
          GC,
          "fewer records held at once (a smaller producer buffer,"
              + " `producer.override.buffer.memory`) or fewer allocations per record",
          JIT,
          "a longer warm-up");

  private final BackfillScenario scenario;
  private final Options options;
  private final Map<String, String> producerSettings;
  private final Map<String, List<Measurement>> results;

  BackfillSection(
      BackfillScenario scenario,
      Options options,
      Map<String, String> producerSettings,
      Map<String, List<Measurement>> results) {
    this.scenario = scenario;
    this.options = options;
    this.producerSettings = producerSettings;
    this.results = results;
  }

  Section section() {
    return new Section(
        BackfillBenchmark.ID,
        20,
        "2. End-to-end backfill against a plain KafkaProducer",
        null,
        0,
        List.of(figure("1 task", oneTask()), figure(options.tasks() + " tasks", manyTasks())),
        body());
  }

  private Measurement medianOf(String kind) {
    return median(results.get(kind));
  }

  private Measurement producer() {
    return medianOf(Kinds.PRODUCER);
  }

  private Measurement oneTask() {
    return medianOf(Kinds.TASK);
  }

  private Measurement manyTasks() {
    return medianOf(Kinds.tasks(options.tasks()));
  }

  private double ratio(Measurement m) {
    return m.recordsPerSecond() / producer().recordsPerSecond();
  }

  private Figure figure(String what, Measurement connector) {
    return new Figure(
        TARGET + ", " + what,
        "minute records/s into Kafka, JSON with schemas, median of " + options.repeats(),
        rateAndBytes(connector),
        "plain KafkaProducer: " + rateAndBytes(producer()),
        Formats.percent(ratio(connector)),
        "≥ " + Formats.percent(REQUIRED_RATIO),
        ratio(connector) >= REQUIRED_RATIO);
  }

  private static String rateAndBytes(Measurement m) {
    return Formats.rate(m.recordsPerSecond(), "records")
        + " ("
        + Formats.megabytesPerSecond(m.bytesPerSecond())
        + ")";
  }

  private String body() {
    return String.join(
        "\n", method(), resultsTable(), reading(), cpuTable(), producerTable(), settingsTable());
  }

  private String method() {
    Measurement any = producer();
    String split =
        options.splitBaseline()
            ? String.format(
                Locale.ROOT,
                """

                **Why %1$d producers as well.** The issue's limit is "a plain KafkaProducer", \
                and both figures are judged against it. But with %1$d tasks Connect runs %1$d \
                producers, each with its own connection and its own single request in flight, \
                so for %1$d tasks the fairer ceiling is %1$d producers, each sending one task's \
                share of the buckets. That baseline is measured and compared with in the text; \
                it does not change the figures.
                """,
                options.tasks())
            : "";
    return String.format(
            Locale.ROOT,
            """
            **What is compared.** A backfill of the `minute` stream (%s buckets × %d repos × %d \
            hosts × %,d minutes = %s rows) through the real Connect runtime, against a plain \
            `KafkaProducer<byte[], byte[]>` sending the same records to the same broker in the \
            same run. Both sides serialize inside the timed interval with the same converters: \
            `JsonConverter` with `schemas.enable=true` for key and value and Connect's default \
            header converter for the `flashback.stream` header, as `WorkerSourceTask` does; the \
            producers use the settings Connect's `Worker` gives source task producers (last \
            table). The baseline's `SourceRecord`s are built before timing with the connector's \
            own `MinuteStatsRecords.toRecord`, so the baseline is the ceiling for any source \
            connector here: converting and producing, nothing else. Both topics hold \
            byte-identical records (the same multiset of key and value bytes: %s), %s bytes of \
            key and value per record on average, most of it the schema that \
            `schemas.enable=true` repeats in every record.

            **Setup.** One KRaft broker and one distributed Connect worker in the benchmark's JVM \
            (`EmbeddedConnectCluster`), the API simulator in the same JVM on loopback (JDK HTTP \
            server, gzip at the fastest level since the connector's HTTP client asks for it), all \
            on this machine's %d cores. Topics: %d partitions, replication factor 1, made fresh \
            for every run and deleted after it. The connector runs with its defaults (windows of \
            one hour, 100 bucket ids per request, 2,000 records per poll) and lag 0, against a \
            simulator whose clock stands at the end of the history, so the expected count is \
            exact. The worker keeps Connect's default offset flush interval.

            **Method.** One warm-up run of each kind (the last %,d minutes, unmeasured), then %d \
            rounds, each running every kind once, so that a slow spell of the shared machine hits \
            every kind, in an order that rotates from round to round, so that no kind always runs \
            first or after the same kind; each figure is the median of its kind's runs. The connector \
            is timed from its first record in the topic to its last (the topic's end offsets, \
            looked at every 25 ms); the table also gives the rate from connector creation, task \
            startup included. The producers are timed from the first send to the last \
            acknowledgement (`flush()`). After every run the topic is read back: exactly the \
            expected number of records and as many distinct keys (no duplicates, nothing \
            missing), or the benchmark fails.
            """,
            Formats.count(scenario.buckets()),
            scenario.repos(),
            scenario.hosts(),
            scenario.minutes(),
            Formats.count(scenario.rows()),
            sameRecords(),
            Formats.count((double) any.audit().bytes() / any.audit().records()),
            Runtime.getRuntime().availableProcessors(),
            options.partitions(),
            options.warmupMinutes(),
            options.repeats())
        + split;
  }

  private String sameRecords() {
    long digest = producer().audit().digest();
    boolean same =
        results.values().stream().flatMap(List::stream).allMatch(m -> m.audit().digest() == digest);
    return same ? "checked after every run" : "**not** the same in every run";
  }

  private String resultsTable() {
    StringBuilder md = new StringBuilder();
    md.append(
        "| run | records/s, each round | median records/s | median MB/s | vs plain KafkaProducer |"
            + " median records/s from creation |\n");
    md.append("|---|---|---|---|---|---|\n");
    results.forEach(
        (kind, runs) -> {
          Measurement m = median(runs);
          md.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %s | %s | %.1f | %s | %s |%n",
                  kind,
                  runs.stream()
                      .map(r -> Formats.count(r.recordsPerSecond()))
                      .collect(Collectors.joining(", ")),
                  Formats.count(m.recordsPerSecond()),
                  m.bytesPerSecond() / 1e6,
                  Formats.percent(ratio(m)),
                  Formats.count(m.recordsPerSecondFromStart())));
        });
    return md.toString();
  }

  /** CPU µs per record by group, JIT and GC included, in table order. */
  private static Map<String, Double> cpuPerRecord(Measurement m) {
    Map<String, Double> micros = new LinkedHashMap<>();
    for (String group : CpuMeter.GROUPS) {
      micros.put(group, m.cpuMicrosPerRecord(group));
    }
    micros.put(JIT, m.cpu().jitSeconds() * 1e6 / m.timedRecords());
    micros.put(GC, m.cpu().gcSeconds() * 1e6 / m.timedRecords());
    micros.put(OTHER_JVM, m.cpu().otherJvmSeconds() * 1e6 / m.timedRecords());
    return micros;
  }

  static double totalMicros(Measurement m) {
    return m.cpu().processSeconds() * 1e6 / m.timedRecords();
  }

  private String cpuTable() {
    StringBuilder md = new StringBuilder();
    md.append(
        """
        Where the CPU went in the median run of each kind, in µs of CPU time per record written \
        (ThreadMXBean per thread of the benchmark's JVM: the simulator's HTTP threads; \
        Connect's task threads, which fetch, parse, build, convert and hand records to the \
        producer; the baseline's sending threads; the producers' network threads; everything \
        else, mostly the broker; the JIT compiler's and the garbage collector's threads, from \
        `/proc/self/task`; "other JVM" is what is left of the process's CPU time, threads that \
        ended during the run among it). The last two columns say how many of the machine's cores \
        this JVM and all other processes kept busy on average:

        """);
    List<String> columns = new ArrayList<>(cpuPerRecord(producer()).keySet());
    md.append("| run | ")
        .append(String.join(" | ", columns))
        .append(" | total | this JVM, cores | other processes, cores |\n");
    md.append("|---|").append("---|".repeat(columns.size() + 3)).append('\n');
    for (String kind : results.keySet()) {
      Measurement m = medianOf(kind);
      md.append("| ").append(kind).append(" | ");
      cpuPerRecord(m).values().forEach(v -> md.append(micros(v)).append(" | "));
      md.append(
          String.format(
              Locale.ROOT,
              "%s | %.2f | %.2f |%n",
              micros(totalMicros(m)),
              m.cpu().processCores(),
              m.cpu().otherProcessCores()));
    }
    md.append('\n').append(otherThreads(oneTask())).append('\n');
    md.append(otherThreads(producer()));
    return md.toString();
  }

  /** The largest threads of the "broker, worker, other" group in a run, µs per record. */
  private static String otherThreads(Measurement m) {
    return m.cpu().otherByName().entrySet().stream()
        .limit(3)
        .map(
            e ->
                String.format(
                    Locale.ROOT,
                    "`%s` %.1f (%s in the kernel)",
                    e.getKey(),
                    e.getValue() * 1e6 / m.timedRecords(),
                    Formats.percent(
                        m.cpu().kernelByName().getOrDefault(e.getKey(), 0.0)
                            / Math.max(e.getValue(), 1e-9))))
        .collect(
            Collectors.joining(
                ", ",
                "Largest threads of \""
                    + CpuMeter.OTHER
                    + "\" in the median "
                    + m.kind()
                    + " run: ",
                " µs per record.\n"));
  }

  private String producerTable() {
    StringBuilder md = new StringBuilder();
    md.append(
        "How the producers batched in the median run of each kind (their own metrics, averaged"
            + " over the run's producers):\n\n");
    md.append(
        "| run | producers | records per request | bytes per batch | request round trip, ms |"
            + " record queue time, ms |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (String kind : results.keySet()) {
      ProducerStats p = medianOf(kind).producers();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f | %,.0f | %.2f | %.0f |%n",
              kind,
              p.producers(),
              p.recordsPerRequest(),
              p.batchBytes(),
              p.requestLatencyMs(),
              p.queueTimeMs()));
    }
    return md.toString();
  }

  private String settingsTable() {
    StringBuilder md = new StringBuilder();
    md.append(
        "Producer settings of both sides: what Connect's `Worker.baseProducerConfigs` sets for"
            + " a source task's producer (`enable.idempotence=false`, `acks=all`,"
            + " `max.in.flight.requests.per.connection=1`, unbounded delivery timeout and"
            + " blocking), the producer's defaults for the rest; no worker or connector"
            + " overrides:\n\n");
    md.append("| setting | value |\n|---|---|\n");
    producerSettings.forEach(
        (name, value) -> md.append("| `").append(name).append("` | ").append(value).append(" |\n"));
    return md.toString();
  }

  private String reading() {
    StringBuilder md = new StringBuilder("**Reading.** ");
    md.append(
        String.format(
            Locale.ROOT,
            "The connector reached %s of the plain producer's rate with 1 task and %s with %d"
                + " tasks (required: %s). ",
            Formats.percent(ratio(oneTask())),
            Formats.percent(ratio(manyTasks())),
            options.tasks(),
            Formats.percent(REQUIRED_RATIO)));
    md.append(producerBound());
    for (String part :
        List.of(manyTasksText(), simulatorText() + " " + noiseText(), missedText())) {
      if (!part.isBlank()) {
        md.append("\n\n").append(part.strip());
      }
    }
    return md.toString().strip() + "\n";
  }

  /** Whether the single producer is limited by its batches and its one request in flight. */
  private String producerBound() {
    ProducerStats p = producer().producers();
    double batchSize = Double.parseDouble(producerSettings.getOrDefault("batch.size", "16384"));
    double recordBytes = (double) producer().audit().bytes() / producer().audit().records();
    boolean full = p.batchBytes() >= batchSize - recordBytes;
    if (!full || p.requestLatencyMs() <= 0) {
      return String.format(
          Locale.ROOT,
          "The plain producer's batches were %,.0f bytes of the %,.0f-byte batch.size, so it was"
              + " not held back by batching; the CPU table shows what it was spending.",
          p.batchBytes(),
          batchSize);
    }
    return String.format(
        Locale.ROOT,
        "A single producer with Connect's settings is bound by those settings: its batches are"
            + " full (%,.0f of %,.0f bytes, so only %d records of about %,.0f bytes each), a"
            + " request carries one batch per partition (%.1f records), and with one request in"
            + " flight it sends about %.1f records per %.2f ms round trip, %s (measured %s);"
            + " records waited %.0f ms in its buffer. %s",
        p.batchBytes(),
        batchSize,
        (int) (batchSize / recordBytes),
        recordBytes,
        p.recordsPerRequest(),
        p.recordsPerRequest(),
        p.requestLatencyMs(),
        Formats.rate(p.recordsPerRequest() * 1000 / p.requestLatencyMs(), "records"),
        Formats.rate(producer().recordsPerSecond(), "records"),
        p.queueTimeMs(),
        oneTaskAgainstIt(p));
  }

  /**
   * The 1-task run against that ceiling: if its producer was just as busy (a backlog, full
   * batches), the difference is the round trip; otherwise the task was the slower side.
   */
  private String oneTaskAgainstIt(ProducerStats baseline) {
    Measurement task = oneTask();
    ProducerStats p = task.producers();
    if (p.queueTimeMs() <= 10 * p.requestLatencyMs()) {
      return String.format(
          Locale.ROOT,
          "The 1-task connector did not keep its producer as busy (records waited only %.0f ms,"
              + " batches of %,.0f bytes): there the task thread, fetching, parsing and converting"
              + " in turn, was the slower side.",
          p.queueTimeMs(),
          p.batchBytes());
    }
    if (p.requestLatencyMs() <= 1.1 * baseline.requestLatencyMs()) {
      return String.format(
          Locale.ROOT,
          "The 1-task connector kept its producer just as busy (records waited %.0f ms, batches"
              + " of %,.0f bytes) at about the same round trip (%.2f ms against %.2f ms), so it"
              + " runs into the same ceiling: the task is not what limits it.",
          p.queueTimeMs(),
          p.batchBytes(),
          p.requestLatencyMs(),
          baseline.requestLatencyMs());
    }
    return String.format(
        Locale.ROOT,
        "The 1-task connector kept its producer just as busy (records waited %.0f ms, batches of"
            + " %,.0f bytes), so it is bound the same way and what differs is the round trip:"
            + " %.2f ms against %.2f ms. On %d shared cores the simulator, the task thread and the"
            + " worker's own threads run beside the broker's and the producer's network threads,"
            + " and a request waits whenever one of those has to wait for a core.",
        p.queueTimeMs(),
        p.batchBytes(),
        p.requestLatencyMs(),
        baseline.requestLatencyMs(),
        task.cpu().cores());
  }

  private String manyTasksText() {
    Measurement tasks = manyTasks();
    List<Measurement> split = results.get(Kinds.producers(options.tasks()));
    if (split == null) {
      return "";
    }
    Measurement producers = median(split);
    double busy = tasks.cpu().processCores() + tasks.cpu().otherProcessCores();
    String limit =
        busy >= 0.9 * tasks.cpu().cores()
            ? String.format(
                Locale.ROOT,
                "With that many producers the machine's cores, not the round trips, are the limit"
                    + " (%.1f of %d cores busy during the connector's run)",
                busy,
                tasks.cpu().cores())
            : String.format(
                Locale.ROOT,
                "The machine was not saturated (%.1f of %d cores busy during the connector's run)",
                busy,
                tasks.cpu().cores());
    return String.format(
            Locale.ROOT,
            "With %d tasks Connect runs %d such producers; against %d plain producers (each sending"
                + " one task's share) the connector reached %s (%s against %s). %s: the connector"
                + " path cost %.1f µs of CPU per record against the producers' %.1f µs; %s.",
            options.tasks(),
            options.tasks(),
            options.tasks(),
            Formats.percent(tasks.recordsPerSecond() / producers.recordsPerSecond()),
            Formats.rate(tasks.recordsPerSecond(), "records"),
            Formats.rate(producers.recordsPerSecond(), "records"),
            limit,
            totalMicros(tasks),
            totalMicros(producers),
            largestExtras(tasks, producers))
        + gcText(tasks, producers);
  }

  /**
   * Why the connector collects more garbage than producers sending the same records, when it does:
   * Connect holds each record until Kafka acknowledges it, so a producer backlog keeps many records
   * alive through young collections, which then copy them.
   */
  private static String gcText(Measurement connector, Measurement baseline) {
    double extra = cpuPerRecord(connector).get(GC) - cpuPerRecord(baseline).get(GC);
    if (extra < 1.0) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        " The garbage collector's larger share fits how Connect works: it keeps every record"
            + " (its `SourceRecord` and the wrappers around it) until Kafka acknowledges it, and"
            + " with %d producers' backlogs (records waited %.0f ms in the buffers) more records"
            + " are alive at each young collection, which copies them; the baseline's records"
            + " are built once and stay put.",
        connector.producers().producers(),
        connector.producers().queueTimeMs());
  }

  /** The thread groups where {@code connector} spends most beyond {@code baseline}. */
  private static String largestExtras(Measurement connector, Measurement baseline) {
    return extras(connector, baseline).stream()
        .map(
            e ->
                String.format(
                    Locale.ROOT,
                    "%+.1f µs %s",
                    e.getValue(),
                    READABLE.getOrDefault(e.getKey(), "in " + e.getKey())))
        .collect(Collectors.joining(", ", "the largest differences are ", ""));
  }

  /**
   * Up to three groups where {@code connector} spends most CPU per record beyond {@code baseline}.
   */
  private static List<Map.Entry<String, Double>> extras(
      Measurement connector, Measurement baseline) {
    Map<String, Double> a = cpuPerRecord(connector);
    Map<String, Double> b = cpuPerRecord(baseline);
    // The task threads do what the baseline threads do, and more: compare them as one.
    a.merge(CpuMeter.TASKS, a.remove(CpuMeter.BASELINE), Double::sum);
    b.merge(CpuMeter.TASKS, b.remove(CpuMeter.BASELINE), Double::sum);
    return a.keySet().stream()
        .map(group -> Map.entry(group, a.get(group) - b.get(group)))
        .filter(e -> e.getValue() > 0.5)
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(3)
        .toList();
  }

  private String simulatorText() {
    Measurement m = oneTask();
    double simulator = m.cpuMicrosPerRecord(CpuMeter.SIMULATOR);
    return String.format(
        Locale.ROOT,
        "The API simulator, which shares the cores with the broker and the worker here, took"
            + " %.1f µs per record (%s of the connector path's CPU in the 1-task run) to generate,"
            + " gzip and serve the JSON: work a real deployment does on another machine.",
        simulator,
        Formats.percent(simulator / totalMicros(m)));
  }

  private String missedText() {
    List<String> missed = new ArrayList<>();
    for (Measurement m : List.of(oneTask(), manyTasks())) {
      if (ratio(m) < REQUIRED_RATIO) {
        missed.add(
            String.format(
                Locale.ROOT,
                "%s missed the target by %.0f points (%s of the required %s)",
                m.kind(),
                (REQUIRED_RATIO - ratio(m)) * 100,
                Formats.percent(ratio(m)),
                Formats.percent(REQUIRED_RATIO)));
      }
    }
    if (missed.isEmpty()) {
      return "";
    }
    Measurement worst = ratio(oneTask()) <= ratio(manyTasks()) ? oneTask() : manyTasks();
    String remedies =
        extras(worst, producer()).stream()
            .map(e -> REMEDIES.get(e.getKey()))
            .filter(r -> r != null)
            .collect(Collectors.joining("; "));
    return String.join("; ", missed)
        + String.format(
            Locale.ROOT,
            ". In the %s run the connector path cost %.1f µs of CPU per record against the plain"
                + " producer's %.1f µs (%s), and a produce request took %.2f ms against %.2f ms."
                + " What would close the gap: %s.",
            worst.kind(),
            totalMicros(worst),
            totalMicros(producer()),
            largestExtras(worst, producer()),
            worst.producers().requestLatencyMs(),
            producer().producers().requestLatencyMs(),
            remedies.isEmpty() ? "a less loaded machine" : remedies);
  }

  private String noiseText() {
    double others =
        results.values().stream()
            .flatMap(List::stream)
            .mapToDouble(m -> m.cpu().otherProcessCores())
            .average()
            .orElse(0);
    if (others < 0.25) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "Other processes kept %.1f of the %d cores busy on average during these runs (a shared"
            + " machine), which makes the absolute rates noisy; the ratios, measured side by"
            + " side, carry better.",
        others,
        Runtime.getRuntime().availableProcessors());
  }

  private static String micros(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
