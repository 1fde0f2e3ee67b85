package tech.flashback.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.flashback.connect.it.MinuteTopicReader.DeliveredRow;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.LoggedRequest;
import tech.flashback.connect.simulator.SimMinuteRow;
import tech.flashback.connect.simulator.SimulatorEndpoint;

/**
 * A minute backfill slowed down enough that a test can interrupt it halfway, with what it must
 * deliver and the checks recovery tests share. Only the minute stream runs; each backfill has its
 * own connector name and topic, so several can run one after the other on one cluster.
 *
 * <p>Expected rows are the simulator's rows of {@code [start, cutoff)}: the backfill start and the
 * last whole minute readable (now minus the lag) when the backfill was defined. No row is late, so
 * each is visible long before it is read.
 */
final class MinuteBackfill {

  private static final Logger log = LoggerFactory.getLogger(MinuteBackfill.class);

  static final Duration LAG = Duration.ofSeconds(20);
  static final Duration WINDOW = Duration.ofMinutes(5);
  static final Duration DEADLINE = Duration.ofSeconds(120);
  static final int BUCKETS = 6;
  static final int TASKS = 3;

  private final FlashbackConnectCluster cluster;
  private final String name;
  private final String topic;
  private final Instant start;
  private final Instant cutoff;
  private final List<SimMinuteRow> expectedRows;
  private final Set<String> expected;
  private int requestsAtDeploy;

  /**
   * A simulator for recovery tests: {@value #BUCKETS} buckets of 2 repos x 2 hosts (4 rows per
   * bucket and minute), a day of history, no late rows, and {@code latency} on every minute request
   * so a backfill takes a while.
   */
  static FlashbackSimulator simulator(Duration latency) {
    FlashbackSimulator simulator =
        FlashbackSimulator.builder()
            .buckets(BUCKETS)
            .workspaces(2)
            .reposPerBucket(2)
            .hostsPerBucket(2)
            .nodesPerBucket(1)
            .history(Duration.ofDays(1))
            .lateFraction(0)
            .build();
    simulator.faults().latency(SimulatorEndpoint.MINUTE_STATS, latency);
    return simulator;
  }

  /**
   * @param name connector name; its topic is {@code <name>.minute}
   * @param length how far back the backfill starts
   */
  MinuteBackfill(FlashbackConnectCluster cluster, String name, Duration length) {
    this(cluster, name, Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(length));
  }

  private MinuteBackfill(FlashbackConnectCluster cluster, String name, Instant start) {
    this.cluster = cluster;
    this.name = name;
    this.topic = name + ".minute";
    Instant now = Instant.now();
    this.start = start;
    this.cutoff = now.minus(LAG).truncatedTo(ChronoUnit.MINUTES);
    this.expectedRows =
        cluster
            .simulator()
            .dataset()
            .visibleMinuteRows(bucketIds(), start, cutoff.minusMillis(1), now)
            .toList();
    this.expected = expectedRows.stream().map(MinuteBackfill::content).collect(Collectors.toSet());
    assertThat(expected).hasSize(BUCKETS * 4 * (int) Duration.between(start, cutoff).toMinutes());
  }

  /** The same backfill, expecting every row readable now (minutes that became readable since). */
  MinuteBackfill readableNow() {
    MinuteBackfill extended = new MinuteBackfill(cluster, name, start);
    extended.requestsAtDeploy = requestsAtDeploy;
    return extended;
  }

  String name() {
    return name;
  }

  int expectedCount() {
    return expected.size();
  }

  List<String> bucketIds() {
    return cluster.simulator().dataset().buckets().stream().map(b -> b.id()).sorted().toList();
  }

  /**
   * Connector properties: only the minute stream, into this backfill's topic, in windows of {@link
   * #WINDOW}, at most 7 records per poll (so batches, and with exactly-once transactions, end
   * inside a minute and offsets are often partial), plus {@code extra} pairs.
   */
  Map<String, String> connectorProps(String... extra) {
    List<String> pairs =
        new ArrayList<>(
            List.of(
                "tasks.max",
                Integer.toString(TASKS),
                "flashback.streams",
                "minute",
                "flashback.topic.prefix",
                name + ".",
                "flashback.minute.backfill.start",
                start.toString(),
                "flashback.minute.lag.ms",
                Long.toString(LAG.toMillis()),
                "flashback.minute.window.max.ms",
                Long.toString(WINDOW.toMillis()),
                "flashback.minute.poll.interval.ms",
                "2000",
                "flashback.poll.max.records",
                "7"));
    pairs.addAll(List.of(extra));
    return cluster.connectorProps(pairs.toArray(String[]::new));
  }

  /** Creates the connector and waits until all its tasks run. */
  void deploy(String... extra) throws InterruptedException {
    requestsAtDeploy = minuteRequests();
    connect().configureConnector(name, connectorProps(extra));
    awaitRunning("tasks start");
  }

  /** Waits until the connector and all its tasks run; fails at once when a task has failed. */
  void awaitRunning(String what) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      ConnectorStateInfo status = null;
      try {
        status = connect().connectorStatus(name);
      } catch (RuntimeException notYet) {
        // no status yet, or the worker answering is busy rebalancing
      }
      if (status != null) {
        for (ConnectorStateInfo.TaskState task : status.tasks()) {
          assertThat(task.state())
              .as("%s: task %d, %s", what, task.id(), task.trace())
              .isNotEqualTo("FAILED");
        }
        if ("RUNNING".equals(status.connector().state())
            && status.tasks().size() == TASKS
            && status.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()))) {
          return;
        }
      }
      assertThat(System.nanoTime()).as("%s: %s", what, describe(status)).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static String describe(ConnectorStateInfo status) {
    if (status == null) {
      return "no status";
    }
    return "connector "
        + status.connector().state()
        + ", tasks "
        + status.tasks().stream().map(t -> t.id() + "=" + t.state() + "@" + t.workerId()).toList();
  }

  /** For {@code period}, the connector's tasks stay all there and running, checked every 200 ms. */
  void assertTasksKeepRunning(Duration period) throws InterruptedException {
    long end = System.nanoTime() + period.toNanos();
    while (System.nanoTime() < end) {
      ConnectorStateInfo status = connect().connectorStatus(name);
      assertThat(status.tasks())
          .as("tasks of %s", name)
          .hasSize(TASKS)
          .allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
      Thread.sleep(200);
    }
  }

  MinuteTopicReader reader(boolean readCommitted) {
    return new MinuteTopicReader(connect().kafka(), topic, readCommitted);
  }

  /** Waits until {@code count} minute requests were answered since {@link #deploy}. */
  void awaitMinuteRequests(int count) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (minuteRequests() - requestsAtDeploy < count) {
      assertThat(System.nanoTime()).as("%d minute requests", count).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private int minuteRequests() {
    return (int)
        cluster.simulator().requests(SimulatorEndpoint.MINUTE_STATS).stream()
            .filter(r -> r.status() == 200)
            .count();
  }

  /** Minute requests naming any of {@code buckets} that arrived after {@code since}. */
  List<LoggedRequest> minuteRequestsFor(Set<String> buckets, Instant since) {
    return cluster.simulator().requests(SimulatorEndpoint.MINUTE_STATS).stream()
        .filter(r -> r.time().isAfter(since))
        .filter(r -> r.bucketIds().stream().anyMatch(buckets::contains))
        .toList();
  }

  /** The committed minute offsets, through the offsets REST API. */
  CommittedMinuteOffsets committedOffsets() {
    return CommittedMinuteOffsets.read(connect(), name);
  }

  /** The committed minute offsets, once every bucket has one. */
  CommittedMinuteOffsets awaitCommittedOffsetsOfEveryBucket() throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      CommittedMinuteOffsets offsets = committedOffsets();
      if (offsets.size() == BUCKETS) {
        return offsets;
      }
      assertThat(System.nanoTime()).as("offsets of every bucket committed").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** Rows once nothing new has arrived for two seconds (a stopped connector's last writes). */
  List<DeliveredRow> awaitQuiet(MinuteTopicReader reader) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    List<DeliveredRow> rows = reader.catchUp();
    long quietSince = System.nanoTime();
    while (System.nanoTime() - quietSince < Duration.ofSeconds(2).toNanos()) {
      assertThat(System.nanoTime()).as("topic %s goes quiet", topic).isLessThan(deadline);
      Thread.sleep(250);
      List<DeliveredRow> now = reader.catchUp();
      if (now.size() != rows.size()) {
        rows = now;
        quietSince = System.nanoTime();
      }
    }
    return rows;
  }

  /** Reads until {@code done} holds for everything read, or fails after {@link #DEADLINE}. */
  List<DeliveredRow> awaitRows(MinuteTopicReader reader, Predicate<List<DeliveredRow>> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      List<DeliveredRow> rows = reader.catchUp();
      if (done.test(rows) || System.nanoTime() > deadline) {
        return rows;
      }
      Thread.sleep(500);
    }
  }

  /** Whether every expected row is among {@code rows}. */
  boolean complete(List<DeliveredRow> rows) {
    Set<String> seen = new HashSet<>();
    for (DeliveredRow row : rows) {
      if (inWindow(row)) {
        seen.add(row.content());
      }
    }
    return seen.containsAll(expected);
  }

  boolean inWindow(DeliveredRow row) {
    return !row.minute().isBefore(start) && row.minute().isBefore(cutoff);
  }

  /** Rows of the expected window among {@code rows}. */
  List<DeliveredRow> inWindow(List<DeliveredRow> rows) {
    return rows.stream().filter(this::inWindow).toList();
  }

  /**
   * No gap and nothing wrong: the distinct rows of the window are exactly the dataset's, with the
   * dataset's values, and every record's timestamp is its minute.
   */
  void assertEveryExpectedRowDelivered(List<DeliveredRow> rows) {
    List<DeliveredRow> window = inWindow(rows);
    assertThat(window)
        .allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(r.minute().toEpochMilli()));
    Set<String> delivered = window.stream().map(DeliveredRow::content).collect(Collectors.toSet());
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(delivered);
    Set<String> unexpected = new HashSet<>(delivered);
    unexpected.removeAll(expected);
    assertThat(missing).as("expected rows never delivered (gaps)").isEmpty();
    assertThat(unexpected).as("delivered rows that are not the dataset's").isEmpty();
  }

  /**
   * The at-least-once rule. Rows are split by where they sit in the topic: {@code before} were
   * there when the connector was interrupted, the rest came after. Neither part repeats a row; a
   * row in both parts (delivered again) must not be covered by the offset committed for its bucket
   * at the interruption: only rows written after the last offset commit may be written twice.
   *
   * @return the rows delivered twice
   */
  List<DeliveredRow> assertRepeatsOnlyAfterCommittedOffsets(
      List<DeliveredRow> before, List<DeliveredRow> all, CommittedMinuteOffsets atInterruption) {
    List<DeliveredRow> after = after(before, all);
    assertNoRepeats(before, "rows written before the interruption");
    assertNoRepeats(after, "rows written after the interruption");
    Set<String> earlier = before.stream().map(DeliveredRow::key).collect(Collectors.toSet());
    List<DeliveredRow> repeated = after.stream().filter(r -> earlier.contains(r.key())).toList();
    assertThat(repeated)
        .as("rows written again although covered by the offsets %s", atInterruption)
        .noneMatch(atInterruption::covers);
    log.info(
        "{}: {} rows before the interruption, {} after, {} of them again; offsets then: {}",
        name,
        before.size(),
        after.size(),
        repeated.size(),
        atInterruption);
    return repeated;
  }

  /**
   * The resumed tasks started exactly at the committed offsets: for each of {@code buckets}, the
   * window's rows written after the interruption are exactly the expected rows the offset does not
   * cover (so nothing committed is read again and nothing uncommitted is skipped).
   */
  void assertResumedAtCommittedOffsets(
      List<DeliveredRow> before,
      List<DeliveredRow> all,
      CommittedMinuteOffsets atInterruption,
      Set<String> buckets) {
    assertThat(writtenAfter(before, all, buckets))
        .as("rows written after resuming, by bucket")
        .isEqualTo(uncovered(atInterruption, buckets));
  }

  /**
   * Whether every expected row is delivered and, for each of {@code buckets}, every expected row
   * the offset does not cover was written after the interruption.
   */
  boolean resumedFully(
      List<DeliveredRow> before,
      List<DeliveredRow> all,
      CommittedMinuteOffsets atInterruption,
      Set<String> buckets) {
    if (!complete(all)) {
      return false;
    }
    Map<String, Set<String>> got = writtenAfter(before, all, buckets);
    for (Map.Entry<String, Set<String>> entry : uncovered(atInterruption, buckets).entrySet()) {
      if (!got.getOrDefault(entry.getKey(), Set.of()).containsAll(entry.getValue())) {
        return false;
      }
    }
    return true;
  }

  private Map<String, Set<String>> uncovered(CommittedMinuteOffsets offsets, Set<String> buckets) {
    Map<String, Set<String>> uncovered = new HashMap<>();
    for (SimMinuteRow row : expectedRows) {
      DeliveredRow asDelivered = asDelivered(row);
      if (buckets.contains(row.bucketId()) && !offsets.covers(asDelivered)) {
        uncovered.computeIfAbsent(row.bucketId(), b -> new HashSet<>()).add(asDelivered.key());
      }
    }
    return uncovered;
  }

  private Map<String, Set<String>> writtenAfter(
      List<DeliveredRow> before, List<DeliveredRow> all, Set<String> buckets) {
    Map<String, Set<String>> got = new HashMap<>();
    for (DeliveredRow row : inWindow(after(before, all))) {
      if (buckets.contains(row.bucketId())) {
        got.computeIfAbsent(row.bucketId(), b -> new HashSet<>()).add(row.key());
      }
    }
    return got;
  }

  /**
   * The at-least-once rule without telling rows apart by when they were written: a row delivered
   * more than once must not be covered by {@code committedEarlier}, offsets read shortly before the
   * interruption. Offsets only move forward, so this is a little weaker than checking against the
   * offsets committed at the interruption itself, never wrong.
   */
  void assertRepeatsNotCoveredBy(List<DeliveredRow> all, CommittedMinuteOffsets committedEarlier) {
    Map<String, Long> counts =
        all.stream().collect(Collectors.groupingBy(DeliveredRow::key, Collectors.counting()));
    List<DeliveredRow> repeated = all.stream().filter(r -> counts.get(r.key()) > 1).toList();
    assertThat(repeated)
        .as("rows delivered more than once although covered by the offsets %s", committedEarlier)
        .noneMatch(committedEarlier::covers);
    log.info(
        "{}: {} rows, {} distinct, {} delivered more than once; offsets before: {}",
        name,
        all.size(),
        counts.size(),
        repeated.stream().map(DeliveredRow::key).distinct().count(),
        committedEarlier);
  }

  /** Every row at most once (the exactly-once rule). */
  static void assertNoRepeats(List<DeliveredRow> rows, String what) {
    Map<String, List<String>> positions = new HashMap<>();
    for (DeliveredRow row : rows) {
      positions.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row.position());
    }
    Map<String, List<String>> repeated =
        positions.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(repeated)
        .as("%s delivered more than once (row -> partition@offset)", what)
        .isEmpty();
  }

  /** The rows of {@code all} not in {@code before} (by partition and offset). */
  static List<DeliveredRow> after(List<DeliveredRow> before, List<DeliveredRow> all) {
    Set<String> earlier = before.stream().map(DeliveredRow::position).collect(Collectors.toSet());
    return all.stream().filter(r -> !earlier.contains(r.position())).toList();
  }

  /** The buckets the given tasks own, from the task configs. */
  Set<String> bucketsOf(Set<Integer> tasks) {
    Set<String> buckets = new HashSet<>();
    for (TaskInfo task : connect().taskConfigs(name)) {
      if (tasks.contains(task.id().task())) {
        String ids = task.config().get("flashback.task.bucket.ids");
        if (ids != null && !ids.isBlank()) {
          buckets.addAll(List.of(ids.split(",")));
        }
      }
    }
    return buckets;
  }

  /** Task ids by the REST port of the worker running them. */
  Map<Integer, Set<Integer>> tasksByWorkerPort() {
    Map<Integer, Set<Integer>> byPort = new HashMap<>();
    ConnectorStateInfo status = connect().connectorStatus(name);
    for (ConnectorStateInfo.TaskState task : status.tasks()) {
      String worker = task.workerId();
      int port = Integer.parseInt(worker.substring(worker.lastIndexOf(':') + 1));
      byPort.computeIfAbsent(port, p -> new HashSet<>()).add(task.id());
    }
    return byPort;
  }

  /** The worker running the connector itself. */
  WorkerHandle connectorWorker() {
    String worker = connect().connectorStatus(name).connector().workerId();
    int port = Integer.parseInt(worker.substring(worker.lastIndexOf(':') + 1));
    return connect().workers().stream()
        .filter(w -> w.url().getPort() == port)
        .findFirst()
        .orElseThrow();
  }

  private static String content(SimMinuteRow row) {
    return row.minute()
        + "|"
        + row.bucketId()
        + "|"
        + row.repoId()
        + "|"
        + row.host()
        + "|"
        + row.uplBytes()
        + "|"
        + row.dwlBytes()
        + "|"
        + row.sizeChange()
        + "|"
        + row.latencyMs();
  }

  private static DeliveredRow asDelivered(SimMinuteRow row) {
    return new DeliveredRow(
        -1, -1, row.timestampMillis(), row.minute(), row.bucketId(), row.repoId(), row.host(), "");
  }

  private EmbeddedConnectCluster connect() {
    return cluster.connect();
  }
}
