package tech.flashback.connect.bench.conversion;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import tech.flashback.connect.bench.conversion.SimulatedResponses.Responses;
import tech.flashback.connect.config.FlashbackSourceConnectorConfig;
import tech.flashback.connect.config.MalformedRowPolicy;
import tech.flashback.connect.metrics.TaskMetrics;
import tech.flashback.connect.offset.DayOffset;
import tech.flashback.connect.offset.MinuteOffset;
import tech.flashback.connect.stream.BucketTotalsStream;
import tech.flashback.connect.stream.DeniedBuckets;
import tech.flashback.connect.stream.MalformedRows;
import tech.flashback.connect.stream.MinuteSettings;
import tech.flashback.connect.stream.MinuteStream;
import tech.flashback.connect.stream.NodeDailySettings;
import tech.flashback.connect.stream.NodeDailyStream;
import tech.flashback.connect.stream.StreamContext;
import tech.flashback.connect.stream.TotalsSettings;

/**
 * The connector's path from response bytes to {@link SourceRecord}s, one stream at a time: a real
 * stream, set up with the connector's default settings, does one {@code poll} whose one API call is
 * answered by a {@link ReplayingApiClient}. So each call parses the body, maps the rows, filters
 * them to the window and the asked buckets, de-duplicates and orders them, computes the offsets and
 * builds the records, exactly as a task does for one response.
 */
final class StreamConversions {

  private static final long TOTALS_INTERVAL_MS =
      FlashbackSourceConnectorConfig.BUCKET_TOTALS_INTERVAL_MS_DEFAULT;

  private final Responses responses;
  private final StreamContext context;
  private final MinuteSettings minuteSettings =
      new MinuteSettings(
          "flashback.minute",
          Duration.ofMillis(FlashbackSourceConnectorConfig.MINUTE_LAG_MS_DEFAULT),
          Duration.ofMillis(FlashbackSourceConnectorConfig.MINUTE_POLL_INTERVAL_MS_DEFAULT),
          Duration.ofMillis(FlashbackSourceConnectorConfig.MINUTE_WINDOW_MAX_MS_DEFAULT),
          FlashbackSourceConnectorConfig.API_BUCKET_IDS_PER_REQUEST_DEFAULT);
  private final NodeDailySettings nodeDailySettings =
      new NodeDailySettings(
          "flashback.node-daily",
          Duration.ofMillis(FlashbackSourceConnectorConfig.NODE_DAILY_SETTLE_DELAY_MS_DEFAULT));
  private final Map<String, MinuteOffset> minuteStarts = new HashMap<>();
  private final BucketTotalsStream totalsStream;
  private long totalsNowMs = SimulatedResponses.NOW.toEpochMilli();

  StreamConversions(Responses responses) {
    this.responses = responses;
    TaskMetrics metrics = TaskMetrics.detached();
    this.context =
        new StreamContext(
            new ReplayingApiClient(responses),
            new MalformedRows(MalformedRowPolicy.FAIL, "flashback.errors", metrics),
            new DeniedBuckets(FlashbackSourceConnectorConfig.BUCKET_RELIST_INTERVAL_MS_DEFAULT),
            metrics);
    Map<String, Instant> lastSnapshots = new HashMap<>();
    for (String bucket : responses.bucketIds()) {
      minuteStarts.put(bucket, MinuteOffset.startingAt(SimulatedResponses.WINDOW_START));
      lastSnapshots.put(bucket, null);
    }
    this.totalsStream =
        new BucketTotalsStream(
            context,
            new TotalsSettings(
                "flashback.bucket-totals",
                Duration.ofMillis(TOTALS_INTERVAL_MS),
                FlashbackSourceConnectorConfig.API_BUCKET_IDS_PER_REQUEST_DEFAULT),
            lastSnapshots);
  }

  /**
   * One window of every bucket: a stream made for the call (its positions move past the window), so
   * the cost includes copying the buckets' start positions, a few microseconds.
   */
  List<SourceRecord> minute() {
    return new MinuteStream(context, minuteSettings, minuteStarts)
        .poll(SimulatedResponses.NOW.toEpochMilli());
  }

  /** One bucket's closed day, from a stream made for the call. */
  List<SourceRecord> nodeDaily() {
    String bucket = responses.bucketIds().get(0);
    return new NodeDailyStream(
            context,
            nodeDailySettings,
            Map.of(bucket, DayOffset.startingAt(SimulatedResponses.DAY)))
        .poll(SimulatedResponses.NOW.toEpochMilli());
  }

  /** The next snapshot slot of every bucket: one long-lived stream, as in a running task. */
  List<SourceRecord> totals() {
    totalsNowMs += TOTALS_INTERVAL_MS;
    return totalsStream.poll(totalsNowMs);
  }

  /** Throws unless every stream turns its body into one record per row. */
  void verify() {
    check("minute", minute().size(), responses.minute().rows());
    check("node-daily", nodeDaily().size(), responses.nodeDaily().rows());
    check("bucket-totals", totals().size(), responses.totals().rows());
  }

  private static void check(String stream, int records, int rows) {
    if (records != rows) {
      throw new IllegalStateException(
          stream + ": " + records + " records from a body of " + rows + " rows");
    }
  }
}
