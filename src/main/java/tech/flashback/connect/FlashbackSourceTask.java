package tech.flashback.connect;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.flashback.connect.client.ApiAuthenticationException;
import tech.flashback.connect.client.ApiClientClosedException;
import tech.flashback.connect.client.ApiClientSettings;
import tech.flashback.connect.client.ApiUnavailableException;
import tech.flashback.connect.client.FlashbackApiClient;
import tech.flashback.connect.client.FlashbackApiException;
import tech.flashback.connect.client.OkHttpFlashbackApiClient;
import tech.flashback.connect.config.FlashbackSourceTaskConfig;
import tech.flashback.connect.metrics.TaskMetrics;
import tech.flashback.connect.offset.SourcePartition;
import tech.flashback.connect.offset.StoredOffsetLoader;
import tech.flashback.connect.stream.DeniedBuckets;
import tech.flashback.connect.stream.MinuteStream;
import tech.flashback.connect.stream.RecordStream;
import tech.flashback.connect.stream.StreamScheduler;
import tech.flashback.connect.stream.TaskStreams;

/**
 * Streams the statistics of its buckets. {@code poll()} hands out records in batches of at most
 * {@code flashback.poll.max.records}; when nothing is due it waits, at most about a second, on a
 * signal {@code stop()} sets from any thread, so the task never spins and always stops promptly.
 * Transient API failures are retried inside the client and then deferred here, offsets untouched; a
 * rejected token fails the task.
 */
public class FlashbackSourceTask extends SourceTask {

  private static final Logger log = LoggerFactory.getLogger(FlashbackSourceTask.class);
  static final long DEFAULT_MAX_IDLE_MS = 1_000;

  private final Time time;
  private final Function<ApiClientSettings, FlashbackApiClient> clientFactory;
  private final long maxIdleMs;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final Deque<SourceRecord> pending = new ArrayDeque<>();
  private FlashbackSourceTaskConfig config;
  private FlashbackApiClient client;
  private TaskMetrics metrics;
  private StreamScheduler scheduler;
  private long retryDelayMs;

  public FlashbackSourceTask() {
    this(
        Time.SYSTEM,
        settings -> new OkHttpFlashbackApiClient(settings, Time.SYSTEM),
        DEFAULT_MAX_IDLE_MS);
  }

  FlashbackSourceTask(
      Time time, Function<ApiClientSettings, FlashbackApiClient> clientFactory, long maxIdleMs) {
    this.time = time;
    this.clientFactory = clientFactory;
    this.maxIdleMs = maxIdleMs;
  }

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    config = new FlashbackSourceTaskConfig(props);
    client = clientFactory.apply(config.apiClientSettings());
    retryDelayMs = config.apiClientSettings().maxBackoff().toMillis();
    DeniedBuckets denied = new DeniedBuckets(config.bucketRelistInterval().toMillis());
    List<SourcePartition> partitions = TaskStreams.partitions(config);
    Map<SourcePartition, Object> stored =
        StoredOffsetLoader.load(context.offsetStorageReader(), partitions);
    List<RecordStream> streams = new ArrayList<>();
    metrics =
        context.pluginMetrics() == null
            ? TaskMetrics.detached()
            : TaskMetrics.registered(
                context.pluginMetrics(),
                client.counters(),
                () -> minuteLagMs(streams),
                denied::count);
    streams.addAll(
        TaskStreams.create(config, client, stored, denied, metrics, time.milliseconds()));
    scheduler = new StreamScheduler(streams);
    log.info(
        "Flashback task started: {} buckets, streams {}, {} stored offsets, catalog owner: {}",
        config.taskBucketIds().size(),
        config.enabledStreams(),
        stored.size(),
        config.catalogOwner());
  }

  private long minuteLagMs(List<RecordStream> streams) {
    for (RecordStream stream : streams) {
      if (stream instanceof MinuteStream minute && minute.oldestPosition() != null) {
        return Math.max(0, time.milliseconds() - minute.oldestPosition().toEpochMilli());
      }
    }
    return -1;
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    metrics.registerPending(time.milliseconds());
    if (!pending.isEmpty()) {
      return nextBatch();
    }
    long deadline = time.milliseconds() + maxIdleMs;
    while (stopping.getCount() > 0) {
      long now = time.milliseconds();
      RecordStream due = scheduler.due(now);
      if (due == null) {
        // Wait once, for the next due work or the idle limit; go on only if work is due by then.
        long wait = Math.min(scheduler.earliestDueMs(), deadline) - now;
        if (wait <= 0
            || stopping.await(wait, TimeUnit.MILLISECONDS)
            || scheduler.due(time.milliseconds()) == null) {
          return null;
        }
        continue;
      }
      if (!runOnce(due, now)) {
        return null;
      }
      if (!pending.isEmpty()) {
        return nextBatch();
      }
      if (time.milliseconds() >= deadline) {
        return null;
      }
    }
    return null;
  }

  /** Does one unit of a stream's work; returns false when the task is stopping. */
  private boolean runOnce(RecordStream stream, long now) {
    try {
      pending.addAll(stream.poll(now));
      return true;
    } catch (ApiAuthenticationException e) {
      throw new ConnectException(e.getMessage(), e);
    } catch (ApiClientClosedException e) {
      return false;
    } catch (ApiUnavailableException e) {
      log.warn(
          "{} stream: {}; trying again in {} ms, offsets unchanged",
          stream.kind().streamName(),
          e.getMessage(),
          retryDelayMs);
      stream.deferUntil(now + retryDelayMs);
      return true;
    } catch (FlashbackApiException e) {
      throw new ConnectException(
          "The " + stream.kind().streamName() + " stream cannot go on: " + e.getMessage(), e);
    }
  }

  private List<SourceRecord> nextBatch() {
    int size = Math.min(pending.size(), config.pollMaxRecords());
    List<SourceRecord> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      batch.add(pending.poll());
    }
    return batch;
  }

  @Override
  public void stop() {
    stopping.countDown();
    if (client != null) {
      client.close();
    }
    if (metrics != null) {
      metrics.close();
    }
  }

  /** For tests: when the next work is due. */
  Instant nextDue() {
    return Instant.ofEpochMilli(scheduler.earliestDueMs());
  }
}
