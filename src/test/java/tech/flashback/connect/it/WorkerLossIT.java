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

/**
 * One of two workers goes away mid-backfill without committing its tasks' last offsets (its tasks
 * are given no time to stop gracefully, as in a crash): the tasks move to the other worker, start
 * there exactly at the offsets committed before the loss, and every row of the backfill arrives,
 * repeated only when written after the last commit (Connect's at-least-once window).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerLossIT {

  private static final Logger log = LoggerFactory.getLogger(WorkerLossIT.class);

  private FlashbackConnectCluster cluster;

  @BeforeAll
  void startCluster() {
    cluster =
        FlashbackConnectCluster.start(
            MinuteBackfill.simulator(Duration.ofMillis(300)),
            2,
            Map.of(
                // Lost tasks are reassigned after this delay: time to read what the loss left.
                "scheduled.rebalance.max.delay.ms", "8000",
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
    connect.assertions().assertExactlyNumWorkersAreUp(2, "two workers");
    try (MinuteTopicReader reader = backfill.reader(false)) {
      backfill.deploy();
      backfill.awaitMinuteRequests(30);

      WorkerHandle lost = backfill.busiestWorker();
      Set<Integer> movedTasks = backfill.tasksByWorkerPort().get(lost.url().getPort());
      Set<String> movedBuckets = backfill.bucketsOf(movedTasks);
      assertThat(movedBuckets).isNotEmpty();
      log.info("removing worker {} with tasks {} (buckets {})", lost, movedTasks, movedBuckets);
      Instant removal = Instant.now();
      connect.removeWorker(lost);

      // The lost tasks' last records have landed; they are not running anywhere yet.
      Thread.sleep(1000);
      CommittedMinuteOffsets committed = backfill.committedOffsets();
      List<DeliveredRow> before = reader.catchUp();
      assertThat(backfill.minuteRequestsFor(movedBuckets, removal.plusMillis(100)))
          .as("minute requests for the lost worker's buckets while they were unassigned")
          .isEmpty();
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
          .as("only the lost worker's buckets are read again")
          .allMatch(r -> movedBuckets.contains(r.bucketId()));
      backfill.assertResumedAtCommittedOffsets(before, all, committed, movedBuckets);
    } finally {
      connect.deleteConnector(backfill.name());
    }
  }
}
