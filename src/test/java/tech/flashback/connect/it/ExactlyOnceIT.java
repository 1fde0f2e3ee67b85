package tech.flashback.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * Exactly-once source support (workers with {@code exactly.once.source.support=enabled}, the
 * connector with {@code exactly.once.support=required} and a transaction per poll): a backfill is
 * interrupted twice without any graceful stop, once by restarting the connector and its tasks and
 * once by losing the worker that runs the connector, and a {@code read_committed} consumer still
 * sees every row exactly once. Batches of 7 records end inside minutes, so the tasks resume from
 * partial offsets. (The same interruptions without exactly-once repeat rows: see WorkerLossIT.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactlyOnceIT {

  private static final Logger log = LoggerFactory.getLogger(ExactlyOnceIT.class);

  private FlashbackConnectCluster cluster;

  @BeforeAll
  void startCluster() {
    Properties brokers = new Properties();
    brokers.put("transaction.state.log.replication.factor", "1");
    brokers.put("transaction.state.log.min.isr", "1");
    cluster =
        FlashbackConnectCluster.start(
            MinuteBackfill.simulator(Duration.ofMillis(300)),
            2,
            Map.of(
                "exactly.once.source.support", "enabled",
                // A worker that went without leaving the group cleanly has its connector and tasks
                // reassigned after this delay (5 minutes by default).
                "scheduled.rebalance.max.delay.ms", "3000",
                // Stopping tasks are cancelled at once, as in a crash.
                "task.shutdown.graceful.timeout.ms", "1"),
            brokers);
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aReadCommittedConsumerSeesEveryRowOnceThroughARestartAndAWorkerLoss() throws Exception {
    MinuteBackfill backfill = new MinuteBackfill(cluster, "exactly-once", Duration.ofHours(2));
    EmbeddedConnectCluster connect = cluster.connect();
    connect.assertions().assertExactlyNumWorkersAreUp(2, "two workers");
    try (MinuteTopicReader committed = backfill.reader(true)) {
      backfill.deploy("exactly.once.support", "required", "transaction.boundary", "poll");
      backfill.awaitMinuteRequests(9);

      connect.restartConnectorAndTasks(backfill.name(), false, true, false);
      backfill.awaitRunning("tasks run again after the restart");
      backfill.awaitMinuteRequests(27);

      WorkerHandle lost = backfill.connectorWorker();
      Set<Integer> moved =
          backfill.tasksByWorkerPort().getOrDefault(lost.url().getPort(), Set.of());
      log.info("removing {} with the connector and tasks {}", lost, moved);
      assertThat(backfill.inWindow(committed.catchUp())).hasSizeLessThan(backfill.expectedCount());
      connect.removeWorker(lost);
      backfill.awaitRunning("tasks run on the remaining worker");

      List<DeliveredRow> all = backfill.awaitRows(committed, backfill::complete);
      backfill.assertEveryExpectedRowDelivered(all);
      MinuteBackfill.assertNoRepeats(all, "rows seen by a read_committed consumer");
      logUncommittedRepeats(backfill);
    } finally {
      connect.deleteConnector(backfill.name());
    }
  }

  /** What a read_uncommitted consumer sees besides: rows of aborted transactions. */
  private static void logUncommittedRepeats(MinuteBackfill backfill) {
    try (MinuteTopicReader uncommitted = backfill.reader(false)) {
      List<DeliveredRow> rows = uncommitted.catchUp();
      Set<String> seen = new HashSet<>();
      long repeats = rows.stream().filter(r -> !seen.add(r.key())).count();
      log.info(
          "{}: a read_uncommitted consumer sees {} rows, {} of them repeats",
          backfill.name(),
          rows.size(),
          repeats);
    }
  }
}
