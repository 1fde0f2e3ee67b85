package tech.flashback.connect.metrics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.flashback.connect.client.ClientCounters;
import tech.flashback.connect.client.Endpoint;
import tech.flashback.connect.client.ErrorKind;
import tech.flashback.connect.config.StreamKind;

/**
 * A task's metrics, published through Connect's plugin metrics (which add the connector and task
 * tags): records and malformed rows per stream, skipped buckets, the minute lag, and the HTTP
 * client's requests, retries, errors and bytes per endpoint. The counts are kept here too, so tests
 * and logs can read them without a metrics registry.
 */
public final class TaskMetrics implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TaskMetrics.class);
  private static final long PENDING_RETRY_MS = 1_000;

  private final Map<StreamKind, LongAdder> records = adders();
  private final Map<StreamKind, LongAdder> malformedRows = adders();
  private final PluginMetrics plugin;
  private final List<MetricName> registered = new ArrayList<>();
  private final Map<MetricName, Gauge<Long>> pending = new LinkedHashMap<>();
  private long nextPendingAttemptMs;

  private TaskMetrics(PluginMetrics plugin) {
    this.plugin = plugin;
  }

  /** Counts only, registered nowhere (for unit tests). */
  public static TaskMetrics detached() {
    return new TaskMetrics(null);
  }

  /**
   * Counts registered as plugin metrics.
   *
   * @param plugin the task context's plugin metrics
   * @param client the HTTP client's counters
   * @param minuteLagMs the task's minute lag in milliseconds, -1 when it has none
   * @param skippedBuckets how many buckets are skipped because the API refused them
   */
  public static TaskMetrics registered(
      PluginMetrics plugin,
      ClientCounters client,
      LongSupplier minuteLagMs,
      LongSupplier skippedBuckets) {
    TaskMetrics metrics = new TaskMetrics(plugin);
    metrics.registerStreams();
    metrics.registerClient(client);
    metrics.gauge(
        "minute-lag-ms",
        "Now minus the oldest minute not yet emitted, in ms",
        Map.of(),
        minuteLagMs);
    metrics.gauge(
        "skipped-buckets",
        "Buckets skipped because the API refused them (403/404)",
        Map.of(),
        skippedBuckets);
    metrics.warnIfPending();
    return metrics;
  }

  private static Map<StreamKind, LongAdder> adders() {
    Map<StreamKind, LongAdder> map = new EnumMap<>(StreamKind.class);
    for (StreamKind kind : StreamKind.values()) {
      map.put(kind, new LongAdder());
    }
    return map;
  }

  public void recordsEmitted(StreamKind stream, int count) {
    records.get(stream).add(count);
  }

  public void malformedRow(StreamKind stream) {
    malformedRows.get(stream).increment();
  }

  public long records(StreamKind stream) {
    return records.get(stream).sum();
  }

  public long malformedRows(StreamKind stream) {
    return malformedRows.get(stream).sum();
  }

  private void registerStreams() {
    for (StreamKind kind : StreamKind.values()) {
      Map<String, String> tags = Map.of("stream", kind.streamName());
      gauge("records-total", "Records emitted by the stream", tags, () -> records(kind));
      gauge(
          "malformed-rows-total",
          "API rows of the stream that could not be read",
          tags,
          () -> malformedRows(kind));
    }
  }

  private void registerClient(ClientCounters client) {
    for (Endpoint endpoint : Endpoint.values()) {
      Map<String, String> tags = Map.of("endpoint", endpoint.metricName());
      gauge(
          "api-requests-total",
          "HTTP requests sent, retries included",
          tags,
          () -> client.requests(endpoint));
      gauge(
          "api-retries-total",
          "Requests repeated after a transient failure",
          tags,
          () -> client.retries(endpoint));
      gauge(
          "api-bytes-read-total",
          "Response bytes read, after decompression",
          tags,
          () -> client.bytesRead(endpoint));
      for (ErrorKind kind : ErrorKind.values()) {
        Map<String, String> errorTags = new LinkedHashMap<>(tags);
        errorTags.put("error", kind.metricName());
        gauge(
            "api-errors-total",
            "Failed requests by error class",
            errorTags,
            () -> client.errors(endpoint, kind));
      }
    }
  }

  private void gauge(
      String name, String description, Map<String, String> tags, LongSupplier value) {
    MetricName metricName = plugin.metricName(name, description, new LinkedHashMap<>(tags));
    Gauge<Long> gauge = (config, now) -> value.getAsLong();
    if (!tryAdd(metricName, gauge)) {
      pending.put(metricName, gauge);
    }
  }

  private boolean tryAdd(MetricName metricName, Gauge<Long> gauge) {
    try {
      plugin.addMetric(metricName, gauge);
    } catch (IllegalArgumentException alreadyRegistered) {
      return false;
    }
    registered.add(metricName);
    return true;
  }

  /**
   * Registers, at most once a second, the metrics a previous instance of this task still held when
   * this one started. Connect starts a new instance once it has waited {@code
   * task.shutdown.graceful.timeout.ms} for the old one, which may still be in {@code poll()} (a
   * slow API call) with its metrics registered under the same names until it stops.
   */
  public synchronized void registerPending(long nowMs) {
    if (pending.isEmpty() || nowMs < nextPendingAttemptMs) {
      return;
    }
    nextPendingAttemptMs = nowMs + PENDING_RETRY_MS;
    pending.entrySet().removeIf(entry -> tryAdd(entry.getKey(), entry.getValue()));
    if (pending.isEmpty()) {
      log.info("Task metrics registered: the previous instance of this task has stopped");
    }
  }

  private void warnIfPending() {
    if (!pending.isEmpty()) {
      log.warn(
          "{} task metrics are still registered by a previous instance of this task that has not"
              + " stopped yet (it may be in a slow API call); they are registered once it has",
          pending.size());
    }
  }

  /** Removes the registered metrics (the task is stopping). */
  @Override
  public synchronized void close() {
    if (plugin != null) {
      registered.forEach(plugin::removeMetric);
      registered.clear();
      pending.clear();
    }
  }
}
