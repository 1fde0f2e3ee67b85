package tech.flashback.connect.bench.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.bench.conversion.SimulatedResponses.ResponseBody;
import tech.flashback.connect.bench.conversion.SimulatedResponses.Responses;
import tech.flashback.connect.client.json.BucketTotalsMapper;
import tech.flashback.connect.client.json.MinuteStatMapper;
import tech.flashback.connect.client.json.NodeDailyStatMapper;
import tech.flashback.connect.client.json.ParsedResponse;
import tech.flashback.connect.client.json.ResponseReader;
import tech.flashback.connect.client.json.RowMapper;
import tech.flashback.connect.client.model.BucketTotals;
import tech.flashback.connect.client.model.MinuteStat;
import tech.flashback.connect.client.model.NodeDailyStat;

/** The benchmark's inputs are what they claim to be, so the benchmark cannot measure nothing. */
class SimulatedResponsesTest {

  private static Responses responses;

  @BeforeAll
  static void fetch() {
    responses = SimulatedResponses.get();
  }

  private static <T> ParsedResponse<T> parse(ResponseBody body, String field, RowMapper<T> mapper)
      throws IOException {
    return new ResponseReader().read(new ByteArrayInputStream(body.json()), field, mapper);
  }

  @Test
  void minuteBodyHoldsDistinctRowsOfTheAskedBucketsAllInsideTheWindow() throws IOException {
    ParsedResponse<MinuteStat> parsed = parse(responses.minute(), "data", new MinuteStatMapper());

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.rows()).hasSize(SimulatedResponses.MINUTE_ROWS);
    assertThat(parsed.rows())
        .allSatisfy(
            row -> {
              assertThat(row.timestamp()).isBetween(SimulatedResponses.WINDOW_START, lastMinute());
              assertThat(responses.bucketIds()).contains(row.bucketId());
            });
    Set<String> identities =
        parsed.rows().stream()
            .map(r -> r.timestamp() + "/" + r.bucketId() + "/" + r.repoId() + "/" + r.host())
            .collect(Collectors.toSet());
    assertThat(identities).hasSize(SimulatedResponses.MINUTE_ROWS);
  }

  private static java.time.Instant lastMinute() {
    return SimulatedResponses.WINDOW_END.minusSeconds(60);
  }

  @Test
  void nodeDailyBodyHoldsOneRowPerNode() throws IOException {
    ParsedResponse<NodeDailyStat> parsed =
        parse(
            responses.nodeDaily(),
            "nodeStats",
            new NodeDailyStatMapper(responses.bucketIds().get(0), SimulatedResponses.DAY));

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.rows()).hasSize(SimulatedResponses.NODES);
    assertThat(parsed.rows().stream().map(NodeDailyStat::host).distinct())
        .hasSize(SimulatedResponses.NODES);
  }

  @Test
  void totalsBodyHoldsOneRowPerAskedBucket() throws IOException {
    ParsedResponse<BucketTotals> parsed =
        parse(responses.totals(), "stats", new BucketTotalsMapper());

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.rows().stream().map(BucketTotals::bucketId))
        .containsExactlyInAnyOrderElementsOf(responses.bucketIds());
  }

  @Test
  void bareJacksonPassCountsTheSameRows() throws IOException {
    assertThat(BareJacksonPass.countRows(responses.minute().json()))
        .isEqualTo(responses.minute().rows());
    assertThat(BareJacksonPass.countRows(responses.nodeDaily().json()))
        .isEqualTo(responses.nodeDaily().rows());
    assertThat(BareJacksonPass.countRows(responses.totals().json()))
        .isEqualTo(responses.totals().rows());
  }

  @Test
  void everyConversionGivesOneRecordPerRowOnEveryCall() {
    StreamConversions conversions = new StreamConversions(responses);

    for (int call = 0; call < 2; call++) {
      assertThat(conversions.minute()).hasSize(responses.minute().rows());
      assertThat(conversions.nodeDaily()).hasSize(responses.nodeDaily().rows());
      assertThat(conversions.totals()).hasSize(responses.totals().rows());
    }
    assertThat(conversions.minute())
        .extracting(SourceRecord::topic)
        .containsOnly("flashback.minute");
  }
}
