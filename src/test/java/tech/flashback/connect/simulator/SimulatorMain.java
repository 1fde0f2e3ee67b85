package tech.flashback.connect.simulator;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone (demo, docker, benchmarks): prints the base URL and token, logs
 * each request on one line, and stops cleanly on Ctrl-C / SIGTERM. Flags: see {@link
 * SimulatorCli#USAGE} or {@code --help}.
 */
public final class SimulatorMain {

  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    Optional<FlashbackSimulator> started;
    try {
      started = start(System.out, args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(SimulatorCli.USAGE);
      System.exit(2);
      return;
    }
    if (started.isEmpty()) {
      return;
    }
    FlashbackSimulator simulator = started.get();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                },
                "flashback-sim-shutdown"));
    stopped.await();
  }

  /**
   * Parses the flags and starts a simulator that logs requests; empty (after printing usage to
   * {@code out}) for {@code --help}. Throws IllegalArgumentException for bad flags.
   */
  public static Optional<FlashbackSimulator> start(PrintStream out, String... args) {
    Optional<FlashbackSimulator.Builder> builder = SimulatorCli.parse(args);
    if (builder.isEmpty()) {
      out.print(SimulatorCli.USAGE);
      return Optional.empty();
    }
    FlashbackSimulator simulator = builder.get().build();
    simulator.requestLog().addListener(request -> logRequest(out, request));
    simulator.start();
    out.println("Flashback API simulator listening on " + simulator.baseUrl());
    out.println("Token: " + simulator.token());
    out.println(
        "Buckets: "
            + simulator.dataset().buckets().size()
            + ", history from "
            + simulator.dataset().historyStart());
    out.flush();
    return Optional.of(simulator);
  }

  /** Starts with these flags, printing the banner to stdout; for tests and demos. */
  public static FlashbackSimulator start(String... args) {
    return start(System.out, args)
        .orElseThrow(() -> new IllegalArgumentException("--help does not start a simulator"));
  }

  /**
   * One line per request on the simulator's own output: a standalone run is read on its console,
   * whatever logging configuration the classpath carries.
   */
  private static void logRequest(PrintStream out, LoggedRequest request) {
    out.println(
        request.time()
            + " "
            + request.method()
            + " "
            + request.target()
            + " "
            + request.status()
            + " rows="
            + request.rows()
            + " "
            + request.duration().toMillis()
            + "ms"
            + request.fault().map(f -> " fault=" + f.kind()).orElse(""));
    out.flush();
  }
}
