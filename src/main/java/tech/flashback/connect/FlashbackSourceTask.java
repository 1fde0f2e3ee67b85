package tech.flashback.connect;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Packaging scaffold for the connector's task; see {@link FlashbackSourceConnector}. */
public class FlashbackSourceTask extends SourceTask {

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    throw new ConnectException("kafka-connect-flashback " + version() + ": not implemented yet");
  }

  @Override
  public List<SourceRecord> poll() {
    return null;
  }

  @Override
  public void stop() {}
}
