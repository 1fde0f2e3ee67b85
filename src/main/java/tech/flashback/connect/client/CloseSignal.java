package tech.flashback.connect.client;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Set once by {@code close()}; every wait of the client ends as soon as it is set. */
final class CloseSignal implements Sleeper {

  private final CountDownLatch closed = new CountDownLatch(1);

  /** Sets the signal; returns whether this call was the one that set it. */
  boolean close() {
    boolean first = closed.getCount() > 0;
    closed.countDown();
    return first;
  }

  boolean isClosed() {
    return closed.getCount() == 0;
  }

  @Override
  public boolean sleep(Duration duration) throws InterruptedException {
    return !closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
  }
}
