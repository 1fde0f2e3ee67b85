package tech.flashback.connect;

import java.util.Map;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** A task context with in-memory offsets and a real metrics registry. */
final class TestSourceTaskContext implements SourceTaskContext {

  final InMemoryOffsetReader offsets;
  final Metrics metrics = new Metrics();
  private final PluginMetrics pluginMetrics;
  private final Map<String, String> configs;

  TestSourceTaskContext(Map<String, String> configs, InMemoryOffsetReader offsets) {
    this.configs = configs;
    this.offsets = offsets;
    this.pluginMetrics = new PluginMetricsImpl(metrics, Map.of("connector", "test", "task", "0"));
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

  /** The value of a plugin metric with these tags (besides connector and task). */
  double metric(String name, Map<String, String> tags) {
    return metrics.metrics().entrySet().stream()
        .filter(
            e ->
                e.getKey().name().equals(name)
                    && e.getKey().tags().entrySet().containsAll(tags.entrySet()))
        .map(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " " + tags));
  }
}
