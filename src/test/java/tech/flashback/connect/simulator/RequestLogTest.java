package tech.flashback.connect.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RequestLogTest {

  private final RequestLog log = new RequestLog(10);

  private static LoggedRequest request(String path) {
    return new LoggedRequest(
        Instant.EPOCH,
        "GET",
        SimulatorEndpoint.MINUTE_STATS,
        path,
        null,
        Map.of(),
        List.of(),
        null,
        200,
        1,
        Duration.ZERO,
        Optional.empty());
  }

  @Test
  void anEntryWrittenJustAfterItsResponseIsStillSeen() throws Exception {
    long arrival = log.arrived();
    log.responseCommitting(); // the client has its response; the entry is not written yet
    Thread writer = writeLater(arrival, "/late", new CountDownLatch(0));

    assertThat(log.requests()).extracting(LoggedRequest::path).containsExactly("/late");
    writer.join();
  }

  @Test
  void aClearForgetsTheEntriesOfResponsesAlreadyReceived() throws Exception {
    long arrival = log.arrived();
    log.responseCommitting();
    CountDownLatch clearing = new CountDownLatch(1);
    Thread writer = writeLater(arrival, "/before-the-clear", clearing);

    clearing.countDown();
    log.clear();
    writer.join();

    assertThat(log.requests()).isEmpty();
  }

  /** Writes the entry from another thread, a little after {@code go}. */
  private Thread writeLater(long arrival, String path, CountDownLatch go) {
    Thread writer =
        new Thread(
            () -> {
              try {
                go.await();
                Thread.sleep(50);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              log.record(arrival, request(path), true);
            });
    writer.start();
    return writer;
  }
}
