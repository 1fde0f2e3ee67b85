package tech.flashback.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.flashback.connect.it.MinuteTopicReader.DeliveredRow;

/**
 * The Kafka brokers go away for 15 s in the middle of a minute backfill and come back on the same
 * port: the connector's tasks run again, every row readable by then arrives, and rows are repeated
 * only past the offsets committed before the outage (Connect's at-least-once window).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerOutageIT {

  private static final Logger log = LoggerFactory.getLogger(BrokerOutageIT.class);
  private static final Duration OUTAGE = Duration.ofSeconds(15);

  private FlashbackConnectCluster cluster;

  @BeforeAll
  void startCluster() {
    // The test kit's brokers listen on pre-bound ports they keep across a restart, so clients find
    // them again (a fixed port in "listeners" would not be the one they bind).
    cluster =
        FlashbackConnectCluster.start(
            MinuteBackfill.simulator(Duration.ofMillis(300)),
            1,
            // A worker cut off from the group coordinator this long stops its tasks.
            Map.of("scheduled.rebalance.max.delay.ms", "5000"));
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void tasksRunAgainAfterTheBrokersReturnAndNothingIsLost() throws Exception {
    MinuteBackfill backfill = new MinuteBackfill(cluster, "broker-outage", Duration.ofHours(2));
    EmbeddedConnectCluster connect = cluster.connect();
    try (MinuteTopicReader reader = backfill.reader(false)) {
      backfill.deploy();
      backfill.awaitMinuteRequests(9);

      CommittedMinuteOffsets committed = backfill.awaitCommittedOffsetsOfEveryBucket();
      List<DeliveredRow> before = reader.catchUp();
      assertThat(backfill.inWindow(before)).hasSizeLessThan(backfill.expectedCount());
      log.info("stopping the brokers for {}", OUTAGE);
      connect.kafka().stopOnlyBrokers();
      Thread.sleep(OUTAGE.toMillis());
      connect.kafka().restartOnlyBrokers();
      log.info("brokers back");

      connect
          .assertions()
          .assertConnectorAndExactlyNumTasksAreRunning(
              backfill.name(), MinuteBackfill.TASKS, "tasks run again after the outage");
      MinuteBackfill readableNow = backfill.readableNow();
      List<DeliveredRow> all = readableNow.awaitRows(reader, readableNow::complete);
      readableNow.assertEveryExpectedRowDelivered(all);
      readableNow.assertRepeatsNotCoveredBy(all, committed);
      backfill.awaitRunning("tasks still run");
    } finally {
      connect.deleteConnector(backfill.name());
    }
  }
}
