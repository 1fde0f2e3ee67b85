package tech.flashback.connect.bench.conversion;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import tech.flashback.connect.bench.conversion.SimulatedResponses.Responses;
import tech.flashback.connect.client.ApiResult;
import tech.flashback.connect.client.ClientCounters;
import tech.flashback.connect.client.Endpoint;
import tech.flashback.connect.client.FlashbackApiClient;
import tech.flashback.connect.client.json.BucketTotalsMapper;
import tech.flashback.connect.client.json.MinuteStatMapper;
import tech.flashback.connect.client.json.NodeDailyStatMapper;
import tech.flashback.connect.client.json.ParsedResponse;
import tech.flashback.connect.client.json.ResponseReader;
import tech.flashback.connect.client.json.RowMapper;
import tech.flashback.connect.client.model.Bucket;
import tech.flashback.connect.client.model.BucketTotals;
import tech.flashback.connect.client.model.MinuteStat;
import tech.flashback.connect.client.model.NodeDailyStat;

/**
 * A {@link FlashbackApiClient} without a network: every call parses one recorded body, each time
 * anew, through the same per-row code as {@code OkHttpFlashbackApiClient}: {@link ResponseReader}
 * with a fresh mapper of the call's type, its rows and problems into an {@link ApiResult}.
 *
 * <p>Left out are the parts of a call that cost the same whatever the row count: the HTTP exchange,
 * the content-type and size checks, the byte counter on the stream and redacting problems (there
 * are none in these bodies).
 */
final class ReplayingApiClient implements FlashbackApiClient {

  private final ResponseReader reader = new ResponseReader();
  private final Responses responses;

  ReplayingApiClient(Responses responses) {
    this.responses = responses;
  }

  @Override
  public ApiResult<MinuteStat> minuteStats(
      Collection<String> bucketIds, Instant start, Instant end) {
    return parse(
        responses.minute().json(), Endpoint.MINUTE_STATS, new MinuteStatMapper(), bucketIds);
  }

  @Override
  public ApiResult<NodeDailyStat> nodeDailyStats(String bucketId, LocalDate day) {
    return parse(
        responses.nodeDaily().json(),
        Endpoint.NODE_DAILY,
        new NodeDailyStatMapper(bucketId, day),
        List.of(bucketId));
  }

  @Override
  public ApiResult<BucketTotals> bucketTotals(Collection<String> bucketIds) {
    return parse(
        responses.totals().json(), Endpoint.BUCKET_TOTALS, new BucketTotalsMapper(), bucketIds);
  }

  private <T> ApiResult<T> parse(
      byte[] body, Endpoint endpoint, RowMapper<T> mapper, Collection<String> bucketIds) {
    ParsedResponse<T> parsed;
    try {
      parsed = reader.read(new ByteArrayInputStream(body), endpoint.dataField(), mapper, bucketIds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!Boolean.TRUE.equals(parsed.success())) {
      throw new IllegalStateException("recorded " + endpoint + " body is not a success");
    }
    return new ApiResult<>(parsed.rows(), parsed.problems(), List.of());
  }

  @Override
  public ApiResult<Bucket> listBuckets() {
    throw new UnsupportedOperationException("the catalog is not benchmarked");
  }

  @Override
  public ApiResult<Bucket> listBuckets(String workspaceId) {
    throw new UnsupportedOperationException("the catalog is not benchmarked");
  }

  @Override
  public ClientCounters counters() {
    throw new UnsupportedOperationException("no HTTP, so nothing to count");
  }

  @Override
  public void close() {}
}
