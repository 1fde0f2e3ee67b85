package tech.flashback.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.simulator.FlashbackSimulator;

/**
 * Connect starts a new instance of a task once it has waited {@code
 * task.shutdown.graceful.timeout.ms} for the old one, which may still be in {@code poll()} (a slow
 * API call) and is only stopped when that returns. Both instances then share the worker's metrics
 * registry under the same connector and task tags.
 */
class TaskInstanceOverlapTest {

  private final Metrics registry = new Metrics();
  private final FlashbackSimulator simulator = FlashbackSimulator.builder().buckets(2).start();

  @AfterEach
  void close() {
    simulator.close();
    registry.close();
  }

  @Test
  void aNewInstanceStartsWhileTheOldOneStillHoldsItsMetricsAndTakesThemOverOnceItStops()
      throws Exception {
    FlashbackSourceTask old = start();
    FlashbackSourceTask replacement = start();
    assertThat(lagMetrics()).isEqualTo(1);

    old.stop(); // the old instance's poll() returned at last: Connect stops it
    assertThat(lagMetrics()).isZero();
    replacement.poll();
    assertThat(lagMetrics()).isEqualTo(1);
    replacement.stop();
    assertThat(lagMetrics()).isZero();
  }

  private long lagMetrics() {
    return registry.metrics().keySet().stream()
        .filter(name -> name.name().equals("minute-lag-ms"))
        .count();
  }

  private FlashbackSourceTask start() {
    Map<String, String> props = new HashMap<>();
    props.put("flashback.api.url", simulator.baseUrl());
    props.put("flashback.api.token", simulator.token());
    props.put(
        "flashback.task.bucket.ids",
        String.join(",", simulator.dataset().buckets().stream().map(b -> b.id()).toList()));
    props.put("flashback.task.catalog.owner", "true");
    PluginMetrics metrics =
        new PluginMetricsImpl(registry, Map.of("connector", "flashback", "task", "0"));
    FlashbackSourceTask task = new FlashbackSourceTask();
    task.initialize(new Context(props, metrics));
    task.start(props);
    return task;
  }

  private record Context(Map<String, String> configs, PluginMetrics pluginMetrics)
      implements SourceTaskContext {
    @Override
    public OffsetStorageReader offsetStorageReader() {
      return new InMemoryOffsetReader();
    }
  }
}
