package tech.flashback.connect.discovery;

import java.time.Duration;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.flashback.connect.client.ApiAuthenticationException;
import tech.flashback.connect.client.ApiClientClosedException;
import tech.flashback.connect.client.FlashbackApiException;

/**
 * Re-lists the buckets on an interval in its own thread and asks Connect to reconfigure the tasks
 * when, and only when, the set of buckets changed. The first listing counts as a change, so {@code
 * taskConfigs} never has to wait for the network. A rejected token fails the connector; other API
 * failures are logged and the listing is tried again at the next interval.
 */
public final class BucketMonitor extends Thread {

  private static final Logger log = LoggerFactory.getLogger(BucketMonitor.class);

  private final BucketDiscovery discovery;
  private final ConnectorContext context;
  private final long intervalMs;
  private final CountDownLatch shutdown = new CountDownLatch(1);
  private final CountDownLatch firstAttempt = new CountDownLatch(1);
  private volatile SortedSet<String> buckets;

  public BucketMonitor(BucketDiscovery discovery, ConnectorContext context, long intervalMs) {
    super("flashback-bucket-monitor");
    setDaemon(true);
    this.discovery = discovery;
    this.context = context;
    this.intervalMs = intervalMs;
  }

  /** The buckets of the last successful listing; empty until the first one completes. */
  public Optional<SortedSet<String>> buckets() {
    return Optional.ofNullable(buckets);
  }

  /**
   * Like {@link #buckets()}, but first waits, at most {@code timeout}, for the first listing
   * attempt to end (in success or failure).
   */
  public Optional<SortedSet<String>> awaitBuckets(Duration timeout) {
    try {
      firstAttempt.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return buckets();
  }

  @Override
  public void run() {
    try {
      do {
        boolean goOn = relist();
        firstAttempt.countDown();
        if (!goOn) {
          return;
        }
      } while (!shutdown.await(intervalMs, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // only the connector's stop interrupts; just end
    } finally {
      firstAttempt.countDown();
    }
  }

  /** One listing; returns false when the monitor must end. */
  private boolean relist() {
    try {
      SortedSet<String> found = discovery.discover();
      if (!found.equals(buckets)) {
        log.info(
            "Flashback buckets changed: {} before, {} now; reconfiguring tasks",
            buckets == null ? "none known" : buckets.size(),
            found.size());
        buckets = found;
        context.requestTaskReconfiguration();
      }
      return true;
    } catch (ApiAuthenticationException e) {
      context.raiseError(new ConnectException(e.getMessage(), e));
      return false;
    } catch (ApiClientClosedException e) {
      return false;
    } catch (FlashbackApiException e) {
      log.warn(
          "Listing Flashback buckets failed, trying again in {} ms: {}",
          intervalMs,
          e.getMessage());
      return true;
    }
  }

  /** Stops the monitor and waits (briefly) for it to end. */
  public void shutdown() {
    shutdown.countDown();
    try {
      join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
