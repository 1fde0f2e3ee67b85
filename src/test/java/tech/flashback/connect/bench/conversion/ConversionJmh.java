package tech.flashback.connect.bench.conversion;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import tech.flashback.connect.bench.BenchContext;

/**
 * How the conversion benchmarks are run through JMH's {@code Runner}, shared by the conversion and
 * the profile parts: one benchmark thread, throughput mode, forks with a fixed 1 GiB heap and G1
 * (the collector Kafka's start scripts choose for a Connect worker), logging at INFO. The forks run
 * on this JVM's class path, so the bench profile's {@code -classpath} is what they see.
 *
 * <p>Options, each {@code -Dbench.<part>.<name>}: {@code forks} (1), {@code warmups} (3), {@code
 * warmup} (PT5S per warmup iteration), {@code iterations} (5), {@code iteration} (PT5S).
 */
public final class ConversionJmh {

  /** The forks' JVM options, also written into the report. */
  public static final List<String> FORK_JVM_ARGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

  /** Logs at INFO, as a worker does by default: the tests' DEBUG would log inside operations. */
  private static final String FORK_LOGGING =
      "tech/flashback/connect/bench/conversion/forks-logback.xml";

  private ConversionJmh() {}

  /**
   * Options for some of the conversion benchmarks.
   *
   * @param context the run's options
   * @param part the part whose options apply, e.g. {@code conversion}
   * @param defaultIterations measurement iterations unless the options say otherwise
   * @param methods the benchmark methods to run, e.g. {@code minuteConnector}
   */
  public static ChainedOptionsBuilder options(
      BenchContext context, String part, int defaultIterations, String... methods) {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .mode(Mode.Throughput)
            .threads(1)
            .forks(context.option(part + ".forks", 1))
            .warmupIterations(context.option(part + ".warmups", 3))
            .warmupTime(time(context.option(part + ".warmup", Duration.ofSeconds(5))))
            .measurementIterations(context.option(part + ".iterations", defaultIterations))
            .measurementTime(time(context.option(part + ".iteration", Duration.ofSeconds(5))))
            .jvmArgs(FORK_JVM_ARGS.toArray(String[]::new))
            .jvmArgsAppend("-Dlogback.configurationFile=" + FORK_LOGGING)
            .shouldFailOnError(true);
    for (String method : methods) {
      options.include(Pattern.quote(ConversionBenchmarks.class.getName() + "." + method) + "$");
    }
    return options;
  }

  /** How many rows one operation of a conversion benchmark converts (one body's rows). */
  public static int rowsPerOperation(String method) {
    if (method.startsWith("minute")) {
      return SimulatedResponses.MINUTE_ROWS;
    }
    if (method.startsWith("nodeDaily")) {
      return SimulatedResponses.NODES;
    }
    if (method.startsWith("totals")) {
      return SimulatedResponses.BUCKETS;
    }
    throw new IllegalArgumentException("not a conversion benchmark: " + method);
  }

  private static TimeValue time(Duration duration) {
    return TimeValue.milliseconds(duration.toMillis());
  }
}
