package tech.flashback.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.flashback.connect.it.MinuteTopicReader.DeliveredRow;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.SimulatorEndpoint;

/**
 * Of two workers, the one running the connector goes away mid-backfill without committing its
 * tasks' last offsets (its tasks are given no time to stop gracefully, as in a crash): its tasks
 * move to the other worker and start there exactly at the offsets committed before the loss, the
 * tasks already there run on undisturbed, and every row of the backfill arrives, repeated only when
 * written after the last commit (Connect's at-least-once window).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerLossIT {

  private static final Logger log = LoggerFactory.getLogger(WorkerLossIT.class);

  private static final Duration LATENCY = Duration.ofMillis(300);

  private FlashbackConnectCluster cluster;

  @BeforeAll
  void startCluster() {
    FlashbackSimulator simulator = MinuteBackfill.simulator(LATENCY);
    // A listing slower than Connect's first taskConfigs call: the connector's tasks are configured
    // once, from the first listing, not a second time right after they started.
    simulator.faults().latency(SimulatorEndpoint.LIST_BUCKETS, Duration.ofMillis(500));
    cluster =
        FlashbackConnectCluster.start(
            simulator,
            2,
            Map.of(
                // A worker that went without leaving the group cleanly has its connector and tasks
                // reassigned after this delay (5 minutes by default).
                "scheduled.rebalance.max.delay.ms", "3000",
                // Stopping tasks are cancelled at once: no final offset commit, as in a crash.
                "task.shutdown.graceful.timeout.ms", "1",
                // Offsets commit every 2 s, so the loss leaves rows written but not committed.
                "offset.flush.interval.ms", "2000"));
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void tasksOfALostWorkerResumeOnTheOtherAtTheCommittedOffsets() throws Exception {
    MinuteBackfill backfill = new MinuteBackfill(cluster, "worker-loss", Duration.ofHours(3));
    EmbeddedConnectCluster connect = cluster.connect();
    FlashbackSimulator simulator = cluster.simulator();
    connect.assertions().assertExactlyNumWorkersAreUp(2, "two workers");
    try (MinuteTopicReader reader = backfill.reader(false)) {
      backfill.deploy();
      backfill.awaitMinuteRequests(30);

      // The worker running the connector goes, with the tasks it runs.
      WorkerHandle lost = backfill.connectorWorker();
      Set<Integer> movedTasks = backfill.tasksByWorkerPort().get(lost.url().getPort());
      assertThat(movedTasks).isNotEmpty();
      Set<String> movedBuckets = backfill.bucketsOf(movedTasks);
      // Every task is in a slow API call when the worker goes, and the moved tasks write nothing
      // in their first 2 s on the other worker: time to read what the loss left.
      simulator.faults().latency(SimulatorEndpoint.MINUTE_STATS, Duration.ofSeconds(2));
      Thread.sleep(500);
      log.info("removing {} with tasks {} (buckets {})", lost, movedTasks, movedBuckets);
      connect.removeWorker(lost);
      Instant removed = Instant.now();
      CommittedMinuteOffsets committed = backfill.committedOffsets();
      List<DeliveredRow> before = reader.catchUp();
      Instant snapshot = Instant.now();
      simulator.faults().latency(SimulatorEndpoint.MINUTE_STATS, LATENCY);
      assertThat(backfill.minuteRequestsFor(movedBuckets, removed))
          .as("requests for the moved buckets answered before the snapshot was read")
          .noneMatch(r -> r.time().plus(r.duration()).isBefore(snapshot));
      assertThat(backfill.inWindow(before)).hasSizeLessThan(backfill.expectedCount());
      assertThat(committed.size()).isEqualTo(MinuteBackfill.BUCKETS);

      backfill.awaitRunning("tasks run again");
      WorkerHandle survivor = connect.workers().iterator().next();
      assertThat(backfill.tasksByWorkerPort())
          .as("every task now runs on the remaining worker")
          .containsOnlyKeys(survivor.url().getPort());

      List<DeliveredRow> all =
          backfill.awaitRows(
              reader, rows -> backfill.resumedFully(before, rows, committed, movedBuckets));
      backfill.assertEveryExpectedRowDelivered(all);
      List<DeliveredRow> repeated =
          backfill.assertRepeatsOnlyAfterCommittedOffsets(before, all, committed);
      assertThat(repeated)
          .as("only the lost worker's buckets are read again; the other tasks ran on")
          .allMatch(r -> movedBuckets.contains(r.bucketId()));
      backfill.assertResumedAtCommittedOffsets(before, all, committed, movedBuckets);
    } finally {
      simulator.faults().latency(SimulatorEndpoint.MINUTE_STATS, LATENCY);
      connect.deleteConnector(backfill.name());
    }
  }
}
