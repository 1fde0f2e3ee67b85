package tech.flashback.connect;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Streams Flashback statistics into Kafka.
 *
 * <p>Packaging scaffold: the plugin is discoverable and reports its version; configuration, task
 * assignment and the streams are not implemented yet, and {@link #start} says so.
 */
public class FlashbackSourceConnector extends SourceConnector {

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    throw new ConnectException("kafka-connect-flashback " + version() + ": not implemented yet");
  }

  @Override
  public Class<? extends Task> taskClass() {
    return FlashbackSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of();
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }
}
