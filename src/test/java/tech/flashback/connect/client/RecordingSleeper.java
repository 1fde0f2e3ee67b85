package tech.flashback.connect.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.utils.MockTime;

/** Records each wait the client asks for and advances a mock clock instead of sleeping. */
final class RecordingSleeper implements Sleeper {

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final MockTime time;

  RecordingSleeper(MockTime time) {
    this.time = time;
  }

  @Override
  public boolean sleep(Duration duration) {
    waits.add(duration);
    time.sleep(duration.toMillis());
    return true;
  }

  List<Duration> waits() {
    return List.copyOf(waits);
  }
}
