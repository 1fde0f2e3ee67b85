package tech.flashback.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.flashback.connect.it.MinuteTopicReader.DeliveredRow;
import tech.flashback.connect.simulator.Fault;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.SimulatorEndpoint;

/**
 * A connector stopped halfway through a minute backfill, then resumed (Connect's stop/resume, and
 * separately delete and re-create under the same name, which keeps the offsets), delivers every row
 * of the backfill, and after resuming starts exactly at the offsets it had committed: only rows
 * written after the last commit are written again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartAndResumeIT {

  private static final Duration BACKFILL = Duration.ofHours(3);
  private static final Duration SHORT_BACKFILL = Duration.ofHours(2);
  private static final Duration LATENCY = Duration.ofMillis(150);

  private FlashbackConnectCluster cluster;

  @BeforeAll
  void startCluster() {
    cluster = FlashbackConnectCluster.start(MinuteBackfill.simulator(LATENCY), 1, Map.of());
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void stopAndResumeMidBackfillLosesNothingAndRepeatsOnlyUncommittedRows() throws Exception {
    MinuteBackfill backfill = new MinuteBackfill(cluster, "stop-resume", BACKFILL);
    EmbeddedConnectCluster connect = cluster.connect();
    try (MinuteTopicReader reader = backfill.reader(false)) {
      backfill.deploy();
      backfill.awaitMinuteRequests(30);

      connect.stopConnector(backfill.name());
      connect.assertions().assertConnectorIsStopped(backfill.name(), "connector stops");
      List<DeliveredRow> before = backfill.awaitQuiet(reader);
      CommittedMinuteOffsets committed = backfill.committedOffsets();
      assertStoppedMidBackfill(backfill, before, committed);

      connect.resumeConnector(backfill.name());
      backfill.awaitRunning("tasks resume");
      assertRecovered(backfill, reader, before, committed);
    } finally {
      connect.deleteConnector(backfill.name());
    }
  }

  @Test
  void deleteAndRecreateUnderTheSameNameResumesFromTheKeptOffsets() throws Exception {
    MinuteBackfill backfill = new MinuteBackfill(cluster, "delete-recreate", BACKFILL);
    EmbeddedConnectCluster connect = cluster.connect();
    try (MinuteTopicReader reader = backfill.reader(false)) {
      backfill.deploy();
      backfill.awaitMinuteRequests(30);

      connect.deleteConnector(backfill.name());
      connect.assertions().assertConnectorDoesNotExist(backfill.name(), "connector goes");
      List<DeliveredRow> before = backfill.awaitQuiet(reader);
      // Re-created stopped, to read the offsets it inherits before any task runs.
      connect.configureConnector(
          new CreateConnectorRequest(
              backfill.name(),
              backfill.connectorProps(),
              CreateConnectorRequest.InitialState.STOPPED));
      connect.assertions().assertConnectorIsStopped(backfill.name(), "re-created stopped");
      CommittedMinuteOffsets committed = backfill.committedOffsets();
      assertStoppedMidBackfill(backfill, before, committed);

      connect.resumeConnector(backfill.name());
      backfill.awaitRunning("tasks start again");
      assertRecovered(backfill, reader, before, committed);
    } finally {
      connect.deleteConnector(backfill.name());
    }
  }

  /**
   * Connect waits {@code task.shutdown.graceful.timeout.ms} (5 s by default) for a stopping task,
   * then starts the new instance while the old one may still be inside {@code poll()}, here in an
   * API call that takes 10 s. The new instance must start and carry on from the committed offsets.
   */
  @Test
  void tasksRestartedWhileTheirApiCallsHangRunAgainAndLoseNothing() throws Exception {
    MinuteBackfill backfill = new MinuteBackfill(cluster, "slow-call", SHORT_BACKFILL);
    EmbeddedConnectCluster connect = cluster.connect();
    FlashbackSimulator simulator = cluster.simulator();
    try (MinuteTopicReader reader = backfill.reader(false)) {
      backfill.deploy();
      backfill.awaitMinuteRequests(6);

      // The next minute request of each task hangs for 10 s: all three are stuck in poll().
      simulator.failNext(SimulatorEndpoint.MINUTE_STATS, 3, Fault.stall(Duration.ofSeconds(10)));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (simulator.faults().pendingFaults(SimulatorEndpoint.MINUTE_STATS) > 0) {
        assertThat(System.nanoTime()).as("every task is in a hanging call").isLessThan(deadline);
        Thread.sleep(50);
      }
      Thread.sleep(1000); // the last rows are written and their offsets committed
      List<DeliveredRow> before = reader.catchUp();
      CommittedMinuteOffsets committed = backfill.committedOffsets();
      assertStoppedMidBackfill(backfill, before, committed);

      connect.restartConnectorAndTasks(backfill.name(), false, true, false);
      backfill.awaitRunning("restarted tasks run");
      assertRecovered(backfill, reader, before, committed);
      connect
          .assertions()
          .assertConnectorAndExactlyNumTasksAreRunning(
              backfill.name(), MinuteBackfill.TASKS, "tasks still run once the old calls ended");
    } finally {
      simulator.faults().clear();
      simulator.faults().latency(SimulatorEndpoint.MINUTE_STATS, LATENCY);
      connect.deleteConnector(backfill.name());
    }
  }

  /**
   * A connector restarts (here through the REST API; also when its worker goes or a rebalance moves
   * it) while the API's bucket listing fails: its tasks know their buckets and go on, the connector
   * does not take them down for want of a listing.
   */
  @Test
  void aConnectorRestartedWhileBucketListingFailsKeepsItsTasksRunning() throws Exception {
    MinuteBackfill backfill = new MinuteBackfill(cluster, "listing-down", SHORT_BACKFILL);
    EmbeddedConnectCluster connect = cluster.connect();
    FlashbackSimulator simulator = cluster.simulator();
    try (MinuteTopicReader reader = backfill.reader(false)) {
      backfill.deploy();
      backfill.awaitMinuteRequests(6);

      simulator.faults().errorRate(SimulatorEndpoint.LIST_BUCKETS, 1.0);
      connect.restartConnector(backfill.name());
      backfill.assertTasksKeepRunning(Duration.ofSeconds(6));

      List<DeliveredRow> all = backfill.awaitRows(reader, backfill::complete);
      backfill.assertEveryExpectedRowDelivered(all);
      MinuteBackfill.assertNoRepeats(all, "rows of tasks that were never restarted");
      assertThat(simulator.requests(SimulatorEndpoint.LIST_BUCKETS))
          .as("the listing was still failing")
          .last()
          .extracting(r -> r.status())
          .isEqualTo(503);
    } finally {
      simulator.faults().errorRate(SimulatorEndpoint.LIST_BUCKETS, 0);
      connect.deleteConnector(backfill.name());
    }
  }

  /** The interruption landed mid-backfill, with offsets committed for every bucket. */
  private static void assertStoppedMidBackfill(
      MinuteBackfill backfill, List<DeliveredRow> before, CommittedMinuteOffsets committed) {
    assertThat(backfill.inWindow(before))
        .as("rows written before the stop")
        .isNotEmpty()
        .hasSizeLessThan(backfill.expectedCount());
    assertThat(committed.size()).as("buckets with a committed offset").isEqualTo(6);
  }

  private static void assertRecovered(
      MinuteBackfill backfill,
      MinuteTopicReader reader,
      List<DeliveredRow> before,
      CommittedMinuteOffsets committed)
      throws InterruptedException {
    Set<String> buckets = Set.copyOf(backfill.bucketIds());
    List<DeliveredRow> all =
        backfill.awaitRows(reader, rows -> backfill.resumedFully(before, rows, committed, buckets));
    backfill.assertEveryExpectedRowDelivered(all);
    backfill.assertRepeatsOnlyAfterCommittedOffsets(before, all, committed);
    backfill.assertResumedAtCommittedOffsets(before, all, committed, buckets);
  }
}
