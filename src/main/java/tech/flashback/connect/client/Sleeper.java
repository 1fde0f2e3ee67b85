package tech.flashback.connect.client;

import java.time.Duration;

/** A wait that the client's close can cut short; tests substitute one that only records. */
interface Sleeper {

  /**
   * Waits for the duration.
   *
   * @return {@code true} if the whole duration passed, {@code false} if the wait was cut short
   * @throws InterruptedException if the waiting thread is interrupted
   */
  boolean sleep(Duration duration) throws InterruptedException;
}
