package tech.flashback.connect.demo;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The demo's command line: {@code --duration} (ISO-8601 like {@code PT2M}, or seconds), {@code
 * --buckets} (simulated buckets) and {@code --tasks}.
 *
 * @param duration how long to run, or {@code null} until Ctrl-C
 * @param buckets how many buckets the simulator serves
 * @param tasks {@code tasks.max} of the connector
 */
record DemoOptions(Duration duration, int buckets, int tasks) {

  static final String USAGE =
      """
      Usage: mvn -q -DskipTests test-compile exec:java@demo [-Dexec.args="OPTIONS"]
        --duration D   stop after D (ISO-8601 like PT2M, or seconds); default: run until Ctrl-C
        --buckets N    buckets of the built-in API simulator (default 5)
        --tasks N      tasks.max of the connector (default 2)
        --help         this text
      With FLASHBACK_API_TOKEN set (and optionally FLASHBACK_API_URL), the real API is used
      instead of the simulator; the token is resolved by a config provider, never stored.
      """;

  /** The options, or {@code null} for {@code --help}; bad flags throw with a clear message. */
  static DemoOptions parse(String... args) {
    Duration duration = null;
    int buckets = 5;
    int tasks = 2;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help")) {
        return null;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + flag);
      }
      String value = args[++i];
      switch (flag) {
        case "--duration" -> duration = duration(value);
        case "--buckets" -> buckets = positive(flag, value);
        case "--tasks" -> tasks = positive(flag, value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    return new DemoOptions(duration, buckets, tasks);
  }

  private static Duration duration(String value) {
    try {
      return value.chars().allMatch(Character::isDigit)
          ? Duration.ofSeconds(Long.parseLong(value))
          : Duration.parse(value);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "--duration must be ISO-8601 like PT2M or a number of seconds, was " + value);
    }
  }

  private static int positive(String flag, String value) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " must be a positive whole number, was " + value);
  }
}
