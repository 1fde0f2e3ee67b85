package tech.flashback.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.it.OpsSupport.await;
import static tech.flashback.connect.it.OpsSupport.awaitRecords;
import static tech.flashback.connect.it.OpsSupport.bucketOf;
import static tech.flashback.connect.it.OpsSupport.minuteOf;
import static tech.flashback.connect.it.OpsSupport.names;
import static tech.flashback.connect.it.OpsSupport.requestsSince;
import static tech.flashback.connect.it.OpsSupport.taskBuckets;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.flashback.connect.it.FlashbackConnectCluster.DecodedRecord;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.LoggedRequest;
import tech.flashback.connect.simulator.SimBucket;
import tech.flashback.connect.simulator.SimMinuteRow;
import tech.flashback.connect.simulator.SimulatorEndpoint;

/**
 * Buckets come and go while the connector runs: the monitor notices within a relist interval, the
 * tasks are reconfigured, the new bucket is backfilled, the removed one gets its catalog tombstone,
 * and no task asks the API about the removed bucket any more.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BucketChurnIT {

  private static final String NAME = "churn";
  private static final Duration GRACE = Duration.ofSeconds(2);
  private static final Duration OBSERVATION = Duration.ofSeconds(6);

  private FlashbackConnectCluster cluster;
  private EmbeddedConnectCluster connect;
  private FlashbackSimulator simulator;
  private Instant minuteStart;

  @BeforeAll
  void startClusterAndConnector() throws Exception {
    simulator = FlashbackSimulator.builder().buckets(4).lateFraction(0).build();
    cluster = FlashbackConnectCluster.start(simulator, 1, Map.of());
    connect = cluster.connect();
    minuteStart = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES);
    connect.configureConnector(
        NAME,
        cluster.connectorProps(
            "tasks.max", "3",
            "flashback.minute.backfill.start", minuteStart.toString(),
            "flashback.minute.lag.ms", "0",
            "flashback.minute.poll.interval.ms", "2000",
            "flashback.buckets.interval.ms", "2000",
            "flashback.bucket.totals.interval.ms", "2000"));
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(NAME, 3, "3 tasks run");
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void addedAndRemovedBucketsReconfigureTheTasksAndTheRemovedOneIsTombstonedAndNeverAskedAgain()
      throws Exception {
    Set<String> initial = ids(simulator.dataset().buckets());
    List<Set<String>> before =
        await(
            "the first assignment",
            () -> taskBuckets(connect, NAME),
            tasks -> union(tasks).equals(initial));
    awaitRecords(cluster, "flashback.buckets", r -> true, initial.size(), "the first catalog");

    String removed = new TreeSet<>(initial).first();
    String added = simulator.addBucket();
    simulator.removeBucket(removed);
    Instant changedAt = simulator.now();
    Set<String> current = ids(simulator.dataset().buckets());

    List<Set<String>> after =
        await(
            "the tasks reconfigured for the new bucket set",
            () -> taskBuckets(connect, NAME),
            tasks -> union(tasks).equals(current));
    assertThat(after).isNotEqualTo(before).hasSize(3);
    assertThat(after).allSatisfy(task -> assertThat(task).isNotEmpty());
    assertDisjoint(after);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(NAME, 3, "3 tasks again");

    assertTheNewBucketIsBackfilled(added, changedAt.truncatedTo(ChronoUnit.MINUTES));
    assertTheCatalogTombstones(removed, added);
    assertNobodyAsksForTheRemovedBucketAnyMore(removed, added);
  }

  /** Every row of the new bucket from the backfill start on, exactly once. */
  private void assertTheNewBucketIsBackfilled(String added, Instant cutoff) throws Exception {
    List<SimMinuteRow> expected =
        simulator.dataset().minuteRows(added, minuteStart, cutoff.minusMillis(1));
    assertThat(expected).isNotEmpty();
    List<DecodedRecord> records =
        awaitRecords(
            cluster,
            "flashback.minute",
            r -> bucketOf(r).equals(added) && minuteOf(r).isBefore(cutoff),
            expected.size(),
            "the new bucket's minutes");
    List<String> keys = records.stream().map(OpsSupport::rowKey).toList();
    assertThat(keys).doesNotHaveDuplicates();
    assertThat(new HashSet<>(keys))
        .isEqualTo(expected.stream().map(OpsSupport::rowKey).collect(Collectors.toSet()));
  }

  private void assertTheCatalogTombstones(String removed, String added) throws Exception {
    List<DecodedRecord> tombstones =
        awaitRecords(
            cluster,
            "flashback.buckets",
            r -> bucketOf(r).equals(removed) && r.value().value() == null,
            1,
            "the removed bucket's tombstone");
    assertThat(tombstones).hasSize(1);
    List<DecodedRecord> catalog = OpsSupport.read(cluster, "flashback.buckets");
    assertThat(catalog)
        .filteredOn(r -> bucketOf(r).equals(added))
        .singleElement()
        .satisfies(r -> assertThat(r.value().value()).isNotNull());
    // The tombstone is the removed bucket's last catalog record, so compaction drops the bucket.
    assertThat(catalog.stream().filter(r -> bucketOf(r).equals(removed)).toList())
        .last()
        .satisfies(r -> assertThat(r.value().value()).isNull());
  }

  /**
   * Once the new tasks run (their first request for the new bucket) and a grace period has passed
   * for requests already on their way, every stream keeps polling, and none names the bucket.
   */
  private void assertNobodyAsksForTheRemovedBucketAnyMore(String removed, String added)
      throws Exception {
    Instant reconfigured =
        simulator.requests().stream()
            .filter(r -> names(r, added))
            .map(LoggedRequest::time)
            .min(Instant::compareTo)
            .orElseThrow();
    Instant since = reconfigured.plus(GRACE);
    await(
        "an observation period after the grace period",
        simulator::now,
        now -> now.isAfter(since.plus(OBSERVATION)));

    List<LoggedRequest> totals = requestsSince(simulator, SimulatorEndpoint.BUCKET_TOTALS, since);
    assertThat(totals).as("bucket totals keep being polled").hasSizeGreaterThanOrEqualTo(3);
    assertThat(requestsSince(simulator, SimulatorEndpoint.LIST_BUCKETS, since)).isNotEmpty();
    List<LoggedRequest> naming =
        simulator.requests().stream()
            .filter(r -> !r.time().isBefore(since))
            .filter(r -> names(r, removed))
            .toList();
    assertThat(naming).as("requests naming the removed bucket " + removed).isEmpty();
    assertThat(
            simulator.requests().stream()
                .filter(r -> r.time().isBefore(reconfigured) && names(r, removed))
                .count())
        .as("the removed bucket was polled before (the check can see it)")
        .isPositive();
  }

  private static Set<String> ids(Collection<SimBucket> buckets) {
    return buckets.stream().map(SimBucket::id).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> union(List<Set<String>> tasks) {
    Set<String> all = new TreeSet<>();
    tasks.forEach(all::addAll);
    return all;
  }

  private static void assertDisjoint(List<Set<String>> tasks) {
    int total = tasks.stream().mapToInt(Set::size).sum();
    assertThat(union(tasks)).hasSize(total);
  }
}
