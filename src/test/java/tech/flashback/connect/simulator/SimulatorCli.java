package tech.flashback.connect.simulator;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Parses {@link SimulatorMain}'s flags into a builder. Each flag takes {@code --name value} or
 * {@code --name=value}; switches take no value. Unknown flags are errors.
 */
final class SimulatorCli {

  static final String USAGE =
      String.join(
          "\n",
          "Usage: SimulatorMain [options]",
          "  A deterministic fake of the Flashback statistics API.",
          "",
          "  --port N                   listen port, 0 = any free port (default 8080)",
          "  --bind ADDR                bind address (default 127.0.0.1; 0.0.0.0 in docker)",
          "  --buckets N                initial buckets (default 5)",
          "  --workspaces N             workspaces (default 2)",
          "  --repos N                  repos per bucket (default 2)",
          "  --hosts N                  hosts per bucket (default 2)",
          "  --nodes N                  nodes per bucket (default 3)",
          "  --seed N                   dataset seed (default 42)",
          "  --token T                  bearer token to accept (default sim-token)",
          "  --history DURATION         history before now, ISO-8601 (default P1D)",
          "  --late-fraction X          share of late (bucket, minute) groups, 0..1 (default 0.1)",
          "  --late-by DURATION         how late, ISO-8601 (default PT2M)",
          "  --latency-ms N             added latency on every endpoint (default 0)",
          "  --error-rate X             share of 503 responses, 0..1 (default 0)",
          "  --malformed-rate X         share of malformed rows, 0..1 (default 0)",
          "  --vary-encodings           numbers as strings or numbers, mixed timestamp forms",
          "  --day-granular-filtering   filter minute stats by whole UTC days",
          "  --large-counters           first bucket's totals beyond 2^53",
          "  --help                     print this help",
          "");

  private SimulatorCli() {}

  /** The configured builder, or empty when help was asked for. */
  static Optional<FlashbackSimulator.Builder> parse(String... args) {
    FlashbackSimulator.Builder builder = FlashbackSimulator.builder().port(8080);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (name.equals("--help") || name.equals("-h")) {
        return Optional.empty();
      }
      if (applySwitch(builder, name)) {
        continue;
      }
      String value;
      if (arg.contains("=")) {
        value = arg.substring(arg.indexOf('=') + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("Missing value for " + name);
      }
      applyOption(builder, name, value);
    }
    return Optional.of(builder);
  }

  private static boolean applySwitch(FlashbackSimulator.Builder builder, String name) {
    switch (name) {
      case "--vary-encodings" -> builder.varyEncodings(true);
      case "--day-granular-filtering" -> builder.dayGranularFiltering(true);
      case "--large-counters" -> builder.largeCounters(true);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void applyOption(FlashbackSimulator.Builder b, String name, String value) {
    switch (name) {
      case "--port" -> set(b::port, Integer::parseInt, name, value);
      case "--bind" -> b.bindAddress(value);
      case "--buckets" -> set(b::buckets, Integer::parseInt, name, value);
      case "--workspaces" -> set(b::workspaces, Integer::parseInt, name, value);
      case "--repos" -> set(b::reposPerBucket, Integer::parseInt, name, value);
      case "--hosts" -> set(b::hostsPerBucket, Integer::parseInt, name, value);
      case "--nodes" -> set(b::nodesPerBucket, Integer::parseInt, name, value);
      case "--seed" -> set(b::seed, Long::parseLong, name, value);
      case "--token" -> b.token(value);
      case "--history" -> set(b::history, Duration::parse, name, value);
      case "--late-fraction" -> set(b::lateFraction, Double::parseDouble, name, value);
      case "--late-by" -> set(b::lateBy, Duration::parse, name, value);
      case "--latency-ms" ->
          set(b::latency, v -> Duration.ofMillis(Long.parseLong(v)), name, value);
      case "--error-rate" -> set(b::errorRate, Double::parseDouble, name, value);
      case "--malformed-rate" -> set(b::malformedRate, Double::parseDouble, name, value);
      default -> throw new IllegalArgumentException("Unknown option: " + name);
    }
  }

  private static <T> void set(
      Function<T, FlashbackSimulator.Builder> setter,
      Function<String, T> parser,
      String name,
      String value) {
    T parsed;
    try {
      parsed = parser.apply(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Invalid value for " + name + ": " + value, e);
    }
    setter.apply(parsed);
  }
}
