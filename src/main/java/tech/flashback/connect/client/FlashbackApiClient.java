package tech.flashback.connect.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import tech.flashback.connect.client.model.Bucket;
import tech.flashback.connect.client.model.BucketTotals;
import tech.flashback.connect.client.model.MinuteStat;
import tech.flashback.connect.client.model.NodeDailyStat;

/**
 * The Flashback statistics API, as the connector uses it.
 *
 * <p>Every method retries transient failures itself (with backoff, honouring {@code Retry-After})
 * and then either returns an {@link ApiResult} or throws a {@link FlashbackApiException} saying
 * whether a later attempt may succeed. Rows that cannot be read come back as problems in the
 * result, next to the good rows. Buckets refused with 403/404 come back as denials, next to the
 * other buckets' rows.
 *
 * <p>{@link #close()} may be called from any thread: it cancels requests in flight and wakes any
 * backoff wait, so a blocked call returns promptly with {@link ApiClientClosedException}.
 */
public interface FlashbackApiClient extends AutoCloseable {

  /** Every bucket the token can see ({@code GET /bucket}). */
  ApiResult<Bucket> listBuckets();

  /** The buckets of one workspace ({@code GET /bucket?workspaceId=..}). */
  ApiResult<Bucket> listBuckets(String workspaceId);

  /**
   * Cumulative totals of the given buckets ({@code GET /bucket/stats?bucketId=a,b,..}), asked in
   * chunks of the configured number of ids per request. An empty collection makes no request.
   */
  ApiResult<BucketTotals> bucketTotals(Collection<String> bucketIds);

  /**
   * Per-node statistics of one bucket for one UTC day ({@code POST /bucket/{id}/stats}). The POST
   * only reads, so it is retried like a GET.
   */
  ApiResult<NodeDailyStat> nodeDailyStats(String bucketId, LocalDate day);

  /**
   * Minute rows of the given buckets between {@code start} and {@code end} ({@code GET
   * /stats/minute}), asked in chunks of ids. Servers may answer with more than the window (whole
   * days, say): callers filter rows to their own window. An empty collection makes no request.
   */
  ApiResult<MinuteStat> minuteStats(Collection<String> bucketIds, Instant start, Instant end);

  /** What the client has done so far, for metrics. */
  ClientCounters counters();

  /** Cancels requests in flight, wakes waits and releases connections. Idempotent. */
  @Override
  void close();
}
