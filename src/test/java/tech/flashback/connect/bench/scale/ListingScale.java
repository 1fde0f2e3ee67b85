package tech.flashback.connect.bench.scale;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import tech.flashback.connect.FlashbackSourceConnector;
import tech.flashback.connect.simulator.FlashbackSimulator;

/**
 * A connector's way from start to task configurations over many buckets: it lists them (one {@code
 * GET /bucket}), filters them by pattern and splits them over tasks. The limit is the listing
 * alone: the same GET and a bare Jackson pass over its body.
 */
final class ListingScale {

  private final FlashbackSimulator simulator;
  private final int maxTasks;

  ListingScale(FlashbackSimulator simulator, int maxTasks) {
    this.simulator = simulator;
    this.maxTasks = maxTasks;
  }

  /** Starts a connector and returns its task configurations once the first listing is in. */
  List<Map<String, String>> startAndSplit() throws Exception {
    FlashbackSourceConnector connector = new FlashbackSourceConnector();
    Context context = new Context();
    connector.initialize(context);
    connector.start(props());
    try {
      if (!context.reconfigured.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no listing in 30 s", context.error.get());
      }
      return connector.taskConfigs(maxTasks);
    } finally {
      connector.stop();
    }
  }

  private Map<String, String> props() {
    Map<String, String> props = new HashMap<>();
    props.put("flashback.api.url", simulator.baseUrl());
    props.put("flashback.api.token", simulator.token());
    // Keeps nine buckets in ten: the filter runs over every listed bucket.
    props.put("flashback.bucket.exclude.pattern", "sim-bucket-\\d*7");
    props.put("tasks.max", Integer.toString(maxTasks));
    return props;
  }

  private static final class Context implements SourceConnectorContext {
    final CountDownLatch reconfigured = new CountDownLatch(1);
    final AtomicReference<Exception> error = new AtomicReference<>();
    final AtomicInteger requests = new AtomicInteger();

    @Override
    public void requestTaskReconfiguration() {
      requests.incrementAndGet();
      reconfigured.countDown();
    }

    @Override
    public void raiseError(Exception e) {
      error.set(e);
      reconfigured.countDown();
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return null;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
      throw new UnsupportedOperationException("the connector does not read offsets");
    }
  }
}
