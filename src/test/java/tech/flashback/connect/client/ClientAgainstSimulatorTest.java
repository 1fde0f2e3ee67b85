package tech.flashback.connect.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.client.model.Bucket;
import tech.flashback.connect.client.model.BucketTotals;
import tech.flashback.connect.client.model.MinuteStat;
import tech.flashback.connect.client.model.NodeDailyStat;
import tech.flashback.connect.simulator.Fault;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.LoggedRequest;
import tech.flashback.connect.simulator.SimMinuteRow;
import tech.flashback.connect.simulator.SimNodeStat;
import tech.flashback.connect.simulator.SimTotals;
import tech.flashback.connect.simulator.SimulatorEndpoint;
import tech.flashback.connect.simulator.SyntheticDataset;

/**
 * The client and the simulator are two independent readings of the API contract; this proves they
 * agree, with every encoding variant, counters beyond 2^53, faults and denials switched on.
 */
class ClientAgainstSimulatorTest {

  private static final Instant NOW = Instant.parse("2024-02-01T12:00:30Z");
  private static final Instant WINDOW_START = Instant.parse("2024-02-01T11:00:00Z");
  private static final Instant WINDOW_END = Instant.parse("2024-02-01T11:59:59.999Z");

  private final MockTime time = new MockTime(0, NOW.toEpochMilli(), 0);
  private FlashbackSimulator simulator;
  private SyntheticDataset dataset;
  private OkHttpFlashbackApiClient client;
  private List<String> bucketIds;

  @BeforeEach
  void start() {
    simulator =
        FlashbackSimulator.builder()
            .time(time)
            .buckets(4)
            .workspaces(2)
            .historyStart(Instant.parse("2024-02-01T00:00:00Z"))
            .varyEncodings(true)
            .largeCounters(true)
            .start();
    dataset = simulator.dataset();
    bucketIds = dataset.buckets().stream().map(b -> b.id()).toList();
    client = clientWithToken(simulator.token());
  }

  private OkHttpFlashbackApiClient clientWithToken(String token) {
    return new OkHttpFlashbackApiClient(
        ApiClientSettings.builder(simulator.baseUrl(), new Password(token))
            .bucketIdsPerRequest(3)
            .initialBackoff(Duration.ofMillis(10))
            .build(),
        time,
        () -> 0.5,
        new RecordingSleeper(time));
  }

  @AfterEach
  void stop() {
    client.close();
    simulator.close();
  }

  @Test
  void listsEveryBucketAndNoCredentialSurvivesTheParse() {
    List<Bucket> buckets = client.listBuckets().rows();

    assertThat(buckets).extracting(Bucket::id).containsExactlyElementsOf(bucketIds);
    assertThat(buckets.get(0).name()).isEqualTo(dataset.buckets().get(0).name());
    assertThat(buckets.toString()).doesNotContain(dataset.credentialValues());
    String workspace = dataset.workspaceIds().get(1);
    assertThat(client.listBuckets(workspace).rows())
        .extracting(Bucket::id)
        .containsExactlyElementsOf(dataset.buckets(workspace).stream().map(b -> b.id()).toList());
  }

  @Test
  void minuteRowsMatchTheDatasetExactlyWhateverTheirEncoding() {
    List<MinuteStat> rows = client.minuteStats(bucketIds, WINDOW_START, WINDOW_END).rows();

    List<SimMinuteRow> expected =
        dataset.visibleMinuteRows(bucketIds, WINDOW_START, WINDOW_END, NOW).toList();
    assertThat(expected).hasSizeGreaterThan(4 * 4 * 50);
    assertThat(rows.stream().map(ClientAgainstSimulatorTest::asSimRow).sorted(ORDER).toList())
        .containsExactlyElementsOf(expected.stream().sorted(ORDER).toList());
    // 4 buckets at 3 ids per request: two requests
    assertThat(simulator.requests(SimulatorEndpoint.MINUTE_STATS)).hasSize(2);
  }

  private static final java.util.Comparator<SimMinuteRow> ORDER =
      java.util.Comparator.comparing(SimMinuteRow::minute)
          .thenComparing(SimMinuteRow::bucketId)
          .thenComparing(SimMinuteRow::repoId)
          .thenComparing(SimMinuteRow::host);

  private static SimMinuteRow asSimRow(MinuteStat row) {
    return new SimMinuteRow(
        row.timestamp(),
        row.bucketId(),
        row.repoId(),
        row.host(),
        row.uploadBytes(),
        row.downloadBytes(),
        row.sizeChange(),
        row.latencyMs().longValue());
  }

  @Test
  void totalsMatchTheDatasetIncludingCountersBeyondTwoToThe53() {
    List<BucketTotals> totals = client.bucketTotals(bucketIds).rows();

    assertThat(totals).hasSize(4);
    for (BucketTotals row : totals) {
      SimTotals expected = dataset.totals(row.bucketId(), NOW);
      assertThat(row)
          .isEqualTo(
              new BucketTotals(
                  expected.bucketId(),
                  expected.totalCount(),
                  expected.totalUploadBytes(),
                  expected.totalDownloadBytes(),
                  expected.totalSizeChange()));
    }
    assertThat(totals).anyMatch(row -> row.totalUploadBytes() > (1L << 53));
  }

  @Test
  void nodeStatsMatchTheDataset() {
    LocalDate day = LocalDate.parse("2024-02-01");
    String bucket = bucketIds.get(2);

    List<NodeDailyStat> rows = client.nodeDailyStats(bucket, day).rows();

    List<SimNodeStat> expected = dataset.nodeStats(bucket, day);
    assertThat(rows).hasSameSizeAs(expected).isNotEmpty();
    for (int i = 0; i < rows.size(); i++) {
      NodeDailyStat row = rows.get(i);
      SimNodeStat sim = expected.get(i);
      assertThat(row.ip()).isEqualTo(sim.ip());
      assertThat(row.host()).isEqualTo(sim.host());
      assertThat(row.uptimePercent()).isEqualTo(sim.percUptime());
      assertThat(row.avgLatencyMs()).isEqualTo((double) sim.avgLatencyMs());
      assertThat(row.nodeStatus()).isEqualTo(sim.nodeStatus());
      assertThat(row.lastUpdated()).isEqualTo(sim.lastUpdated());
    }
  }

  @Test
  void malformedRowsAreReportedAsProblemsAndEveryOtherRowStillArrives() {
    simulator.faults().malformedRate(SimulatorEndpoint.MINUTE_STATS, 0.05);

    ApiResult<MinuteStat> result = client.minuteStats(bucketIds, WINDOW_START, WINDOW_END);

    List<SimMinuteRow> expected =
        dataset.visibleMinuteRows(bucketIds, WINDOW_START, WINDOW_END, NOW).toList();
    List<SimMinuteRow> broken =
        expected.stream().filter(r -> simulator.malformedRows().minuteRow(r).isPresent()).toList();
    assertThat(broken).isNotEmpty();
    assertThat(result.problems()).hasSameSizeAs(broken);
    assertThat(result.rows()).hasSize(expected.size() - broken.size());
    assertThat(result.problems()).allSatisfy(p -> assertThat(p.reason()).startsWith("field '"));
  }

  @Test
  void faultsAreRetriedAndRetryAfterIsHonouredOnTheSimulatorsClock() {
    simulator.failNext(SimulatorEndpoint.BUCKET_TOTALS, 1, Fault.retryAfterSeconds(3));
    simulator.failNext(SimulatorEndpoint.BUCKET_TOTALS, 1, Fault.truncatedBody());
    simulator.failNext(SimulatorEndpoint.BUCKET_TOTALS, 1, Fault.htmlErrorPage(502));

    List<BucketTotals> totals = client.bucketTotals(bucketIds.subList(0, 2)).rows();

    assertThat(totals).hasSize(2);
    List<LoggedRequest> calls = simulator.requests(SimulatorEndpoint.BUCKET_TOTALS);
    assertThat(calls).extracting(LoggedRequest::status).containsExactly(429, 200, 502, 200);
    assertThat(Duration.between(calls.get(0).time(), calls.get(1).time()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aDeniedBucketIsIsolatedAndTheOthersAreServed() {
    simulator.denyBucket(bucketIds.get(1), 403);

    ApiResult<BucketTotals> result = client.bucketTotals(bucketIds);

    assertThat(result.rows())
        .extracting(BucketTotals::bucketId)
        .containsExactlyInAnyOrder(bucketIds.get(0), bucketIds.get(2), bucketIds.get(3));
    assertThat(result.deniedBuckets())
        .extracting(BucketDenial::bucketId)
        .containsExactly(bucketIds.get(1));
  }

  @Test
  void aWrongTokenIsRejected() {
    try (OkHttpFlashbackApiClient wrong = clientWithToken("not-the-token")) {
      assertThatThrownBy(wrong::listBuckets).isInstanceOf(ApiAuthenticationException.class);
    }
  }
}
