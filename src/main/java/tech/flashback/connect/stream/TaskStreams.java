package tech.flashback.connect.stream;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.flashback.connect.client.FlashbackApiClient;
import tech.flashback.connect.config.FlashbackSourceTaskConfig;
import tech.flashback.connect.config.StreamKind;
import tech.flashback.connect.discovery.BucketDiscovery;
import tech.flashback.connect.metrics.TaskMetrics;
import tech.flashback.connect.offset.CatalogState;
import tech.flashback.connect.offset.DayOffset;
import tech.flashback.connect.offset.MinuteOffset;
import tech.flashback.connect.offset.SourcePartition;
import tech.flashback.connect.offset.TotalsOffset;

/**
 * Builds a task's streams from its configuration and stored offsets: each bucket resumes from its
 * stored offset, or from the configured backfill start when it has none.
 */
public final class TaskStreams {

  private TaskStreams() {}

  /** The partitions whose offsets the task's streams read. */
  public static List<SourcePartition> partitions(FlashbackSourceTaskConfig config) {
    List<SourcePartition> partitions = new ArrayList<>();
    for (StreamKind stream : config.enabledStreams()) {
      if (stream == StreamKind.BUCKETS) {
        if (config.catalogOwner()) {
          partitions.add(SourcePartition.catalog());
        }
      } else {
        config.taskBucketIds().forEach(id -> partitions.add(SourcePartition.of(stream, id)));
      }
    }
    return partitions;
  }

  /**
   * @param stored typed stored offsets by partition (see {@code StoredOffsetLoader})
   * @param nowMs the time the task starts, for the backfill starts
   */
  public static List<RecordStream> create(
      FlashbackSourceTaskConfig config,
      FlashbackApiClient client,
      Map<SourcePartition, Object> stored,
      DeniedBuckets denied,
      TaskMetrics metrics,
      long nowMs) {
    StreamContext context =
        new StreamContext(
            client,
            new MalformedRows(config.malformedRowPolicy(), config.errorTopic(), metrics),
            denied,
            metrics);
    Instant now = Instant.ofEpochMilli(nowMs);
    int idsPerRequest = config.apiClientSettings().bucketIdsPerRequest();
    List<RecordStream> streams = new ArrayList<>();
    if (config.isEnabled(StreamKind.BUCKETS) && config.catalogOwner()) {
      streams.add(
          new CatalogStream(
              context,
              new CatalogSettings(
                  config.topic(StreamKind.BUCKETS),
                  config.bucketsInterval(),
                  config.bucketSelection().workspaceId(),
                  BucketDiscovery.selects(config.bucketSelection())),
              (CatalogState) stored.getOrDefault(SourcePartition.catalog(), CatalogState.empty())));
    }
    if (config.isEnabled(StreamKind.MINUTE)) {
      MinuteOffset start =
          MinuteOffset.startingAt(config.minuteBackfillStart(now).truncatedTo(ChronoUnit.MINUTES));
      streams.add(
          new MinuteStream(
              context,
              new MinuteSettings(
                  config.topic(StreamKind.MINUTE),
                  config.minuteLag(),
                  config.minutePollInterval(),
                  config.minuteWindowMax(),
                  idsPerRequest),
              positions(config, StreamKind.MINUTE, stored, start, MinuteOffset.class)));
    }
    if (config.isEnabled(StreamKind.NODE_DAILY)) {
      DayOffset start =
          DayOffset.startingAt(config.dailyBackfillStart(LocalDate.ofInstant(now, ZoneOffset.UTC)));
      streams.add(
          new NodeDailyStream(
              context,
              new NodeDailySettings(
                  config.topic(StreamKind.NODE_DAILY), config.nodeDailySettleDelay()),
              positions(config, StreamKind.NODE_DAILY, stored, start, DayOffset.class)));
    }
    if (config.isEnabled(StreamKind.BUCKET_TOTALS)) {
      Map<String, Instant> last = new HashMap<>();
      for (String bucket : config.taskBucketIds()) {
        TotalsOffset offset =
            (TotalsOffset) stored.get(SourcePartition.of(StreamKind.BUCKET_TOTALS, bucket));
        last.put(bucket, offset == null ? null : offset.lastSnapshot());
      }
      streams.add(
          new BucketTotalsStream(
              context,
              new TotalsSettings(
                  config.topic(StreamKind.BUCKET_TOTALS),
                  config.bucketTotalsInterval(),
                  idsPerRequest),
              last));
    }
    return streams;
  }

  private static <T> Map<String, T> positions(
      FlashbackSourceTaskConfig config,
      StreamKind stream,
      Map<SourcePartition, Object> stored,
      T start,
      Class<T> type) {
    Map<String, T> positions = new HashMap<>();
    for (String bucket : config.taskBucketIds()) {
      Object offset = stored.get(SourcePartition.of(stream, bucket));
      positions.put(bucket, offset == null ? start : type.cast(offset));
    }
    return positions;
  }
}
