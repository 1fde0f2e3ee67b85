package tech.flashback.connect.stream;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;
import tech.flashback.connect.client.ApiResult;
import tech.flashback.connect.client.ClientCounters;
import tech.flashback.connect.client.FlashbackApiClient;
import tech.flashback.connect.client.model.Bucket;
import tech.flashback.connect.client.model.BucketTotals;
import tech.flashback.connect.client.model.MinuteStat;
import tech.flashback.connect.client.model.NodeDailyStat;

/** A real client whose minute rows a test rewrites, to model servers the simulator does not. */
class ForwardingApiClient implements FlashbackApiClient {

  private final FlashbackApiClient delegate;
  private final UnaryOperator<List<MinuteStat>> minuteRows;

  ForwardingApiClient(FlashbackApiClient delegate, UnaryOperator<List<MinuteStat>> minuteRows) {
    this.delegate = delegate;
    this.minuteRows = minuteRows;
  }

  @Override
  public ApiResult<Bucket> listBuckets() {
    return delegate.listBuckets();
  }

  @Override
  public ApiResult<Bucket> listBuckets(String workspaceId) {
    return delegate.listBuckets(workspaceId);
  }

  @Override
  public ApiResult<BucketTotals> bucketTotals(Collection<String> bucketIds) {
    return delegate.bucketTotals(bucketIds);
  }

  @Override
  public ApiResult<NodeDailyStat> nodeDailyStats(String bucketId, LocalDate day) {
    return delegate.nodeDailyStats(bucketId, day);
  }

  @Override
  public ApiResult<MinuteStat> minuteStats(
      Collection<String> bucketIds, Instant start, Instant end) {
    ApiResult<MinuteStat> result = delegate.minuteStats(bucketIds, start, end);
    return new ApiResult<>(
        minuteRows.apply(result.rows()), result.problems(), result.deniedBuckets());
  }

  @Override
  public ClientCounters counters() {
    return delegate.counters();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
