package tech.flashback.connect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import tech.flashback.connect.client.OkHttpFlashbackApiClient;

/**
 * Runs one {@link FlashbackSourceTask} outside a worker, on a given clock and offset store, for
 * code outside this package (the benchmarks): the task's own constructor that takes a clock is
 * package-private.
 */
public final class TaskDriver implements AutoCloseable {

  private final FlashbackSourceTask task;
  private final Metrics metrics = new Metrics();

  private TaskDriver(Time time, long maxIdleMs) {
    this.task =
        new FlashbackSourceTask(
            time, settings -> new OkHttpFlashbackApiClient(settings, time), maxIdleMs);
  }

  /**
   * Starts a task, which reads its offsets from {@code offsets} once.
   *
   * @param time the clock of the task and its client
   * @param props the task's configuration (connector keys plus the task's bucket ids)
   * @param offsets what Connect would hand back as stored offsets
   * @param maxIdleMs how long an empty {@link #poll()} may wait
   */
  public static TaskDriver start(
      Time time, Map<String, String> props, OffsetStorageReader offsets, long maxIdleMs) {
    TaskDriver driver = new TaskDriver(time, maxIdleMs);
    driver.task.initialize(driver.new Context(props, offsets));
    driver.task.start(props);
    return driver;
  }

  /** The offsets of a connector that has never committed any. */
  public static OffsetStorageReader noOffsets() {
    return new OffsetStorageReader() {
      @Override
      public <T> Map<String, Object> offset(Map<String, T> partition) {
        return null;
      }

      @Override
      public <T> Map<Map<String, T>, Map<String, Object>> offsets(
          Collection<Map<String, T>> partitions) {
        return Map.of();
      }
    };
  }

  /** One {@link FlashbackSourceTask#poll()}; an empty list when nothing was due. */
  public List<SourceRecord> poll() throws InterruptedException {
    List<SourceRecord> batch = task.poll();
    return batch == null ? List.of() : batch;
  }

  /** Polls until {@code emptyPolls} polls in a row return nothing, and returns what came. */
  public List<SourceRecord> pollUntilIdle(int emptyPolls) throws InterruptedException {
    List<SourceRecord> all = new ArrayList<>();
    int empty = 0;
    while (empty < emptyPolls) {
      List<SourceRecord> batch = poll();
      empty = batch.isEmpty() ? empty + 1 : 0;
      all.addAll(batch);
    }
    return all;
  }

  @Override
  public void close() {
    task.stop();
    metrics.close();
  }

  private final class Context implements SourceTaskContext {
    private final Map<String, String> configs;
    private final OffsetStorageReader offsets;
    private final PluginMetrics pluginMetrics;

    Context(Map<String, String> configs, OffsetStorageReader offsets) {
      this.configs = configs;
      this.offsets = offsets;
      this.pluginMetrics = new PluginMetricsImpl(metrics, Map.of("connector", "bench"));
    }

    @Override
    public Map<String, String> configs() {
      return configs;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
      return offsets;
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return pluginMetrics;
    }
  }
}
