package tech.flashback.connect.bench.memory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks a JVM for a full collection at a fixed interval ({@code jcmd <pid> GC.run}), so its GC log
 * shows the live set, the heap a full collection cannot free, over time. G1's ordinary pauses
 * cannot show it: what they leave behind rises and falls with G1's cycle (old garbage waits for the
 * next mixed collection), which hides a slow leak and fakes one.
 */
final class LiveSetProbe implements AutoCloseable {

  /** How the GC log names the pauses this probe causes. */
  static final String CAUSE = "Diagnostic Command";

  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "live-set-probe");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicInteger failures = new AtomicInteger();

  private LiveSetProbe() {}

  /**
   * @param delay when the first sample is taken (after the worker's pipeline has filled)
   * @param interval the time between samples
   * @param pid the worker's process id
   */
  static LiveSetProbe start(Duration delay, Duration interval, long pid) {
    LiveSetProbe probe = new LiveSetProbe();
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    probe.scheduler.scheduleWithFixedDelay(
        () -> probe.run(jcmd, pid), delay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return probe;
  }

  private void run(String jcmd, long pid) {
    try {
      Process process =
          new ProcessBuilder(jcmd, Long.toString(pid), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        failures.incrementAndGet();
      }
    } catch (Exception e) {
      failures.incrementAndGet();
    }
  }

  /** Probes that did not complete (the worker gone, or jcmd missing). */
  int failures() {
    return failures.get();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
