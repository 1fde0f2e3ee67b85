package tech.flashback.connect.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Real-time waits (latency, stalls) that end early when the simulator closes. */
final class ShutdownSignal {

  private final CountDownLatch closed = new CountDownLatch(1);

  /** Waits for the duration; false if the simulator closed (or the thread was interrupted). */
  boolean pause(Duration duration) {
    if (duration.isZero()) {
      return !isClosed();
    }
    try {
      return !closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void fire() {
    closed.countDown();
  }

  boolean isClosed() {
    return closed.getCount() == 0;
  }
}
