package tech.flashback.connect.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tech.flashback.connect.client.ClientTestSupport.json;
import static tech.flashback.connect.client.ClientTestSupport.settings;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Close and interrupt: a task's {@code stop()} comes from another thread and must not wait for a
 * stalled server or a long backoff. These use the real clock and the real wait.
 */
class OkHttpFlashbackApiClientLifecycleTest {

  private final MockWebServer server = new MockWebServer();
  private OkHttpFlashbackApiClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client =
        new OkHttpFlashbackApiClient(
            settings(server)
                .readTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ofSeconds(120))
                .maxRetryAfter(Duration.ofMinutes(5))
                .build(),
            Time.SYSTEM);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void closeCancelsAStalledCallWithinASecond() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    CompletableFuture<?> call = CompletableFuture.runAsync(client::listBuckets);
    assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();

    long closedAt = System.nanoTime();
    client.close();

    assertThatThrownBy(() -> call.get(1, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(ApiClientClosedException.class)
        .hasMessage("Flashback API call to list-buckets abandoned: the client was closed");
    assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void closeWakesALongRetryAfterWait() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "120").build());
    CompletableFuture<?> call = CompletableFuture.runAsync(client::listBuckets);
    awaitFirstRetry();

    long closedAt = System.nanoTime();
    client.close();

    assertThatThrownBy(() -> call.get(1, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(ApiClientClosedException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(1));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anInterruptEndsABackoffWaitAndKeepsTheInterruptFlag() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "120").build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                client.listBuckets();
              } catch (RuntimeException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              }
            });
    caller.start();
    awaitFirstRetry();

    caller.interrupt();
    caller.join(1_000);

    assertThat(caller.isAlive()).isFalse();
    assertThat(thrown.get())
        .isInstanceOf(ApiClientClosedException.class)
        .hasMessageContaining("interrupted");
    assertThat(stillInterrupted).isTrue();
  }

  @Test
  void callsAfterCloseFailFastWithoutARequest() {
    client.close();
    client.close(); // idempotent

    assertThatThrownBy(client::listBuckets).isInstanceOf(ApiClientClosedException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aClosedClientCanBeReplacedByANewOneOnTheSameServer() {
    client.close();
    server.enqueue(json("{\"success\":true,\"buckets\":[]}"));
    try (OkHttpFlashbackApiClient next =
        new OkHttpFlashbackApiClient(settings(server).build(), Time.SYSTEM)) {
      assertThat(next.listBuckets().rows()).isEmpty();
    }
  }

  private void awaitFirstRetry() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (client.counters().retries(Endpoint.LIST_BUCKETS) == 0) {
      assertThat(System.nanoTime()).as("client started its backoff wait").isLessThan(deadline);
      Thread.sleep(10);
    }
    Thread.sleep(50); // from counting the retry to waiting on the signal is a few instructions
  }
}
