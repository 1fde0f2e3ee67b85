package tech.flashback.connect;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** A connector context that records reconfiguration requests and raised errors. */
final class RecordingConnectorContext implements SourceConnectorContext {

  final AtomicInteger reconfigurations = new AtomicInteger();
  final List<Exception> errors = new CopyOnWriteArrayList<>();

  @Override
  public void requestTaskReconfiguration() {
    reconfigurations.incrementAndGet();
  }

  @Override
  public void raiseError(Exception e) {
    errors.add(e);
  }

  @Override
  public PluginMetrics pluginMetrics() {
    return null;
  }

  @Override
  public OffsetStorageReader offsetStorageReader() {
    return new InMemoryOffsetReader();
  }
}
