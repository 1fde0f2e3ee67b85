package tech.flashback.connect.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the minute stream starts for a bucket that has no offset yet: a fixed instant, or a
 * duration back from the moment the bucket is first seen.
 */
public sealed interface MinuteBackfillStart {

  /** What the configuration accepts, for messages and the generated docs. */
  String EXPECTED =
      "an ISO-8601 instant such as 2024-02-01T00:00:00Z, or an ISO-8601 duration back from now"
          + " such as PT6H or P7D";

  /** The first minute to read, given the current time; always on a whole minute. */
  Instant resolve(Instant now);

  /** Starts at a fixed instant. */
  record At(Instant instant) implements MinuteBackfillStart {
    public At {
      Objects.requireNonNull(instant, "instant");
    }

    @Override
    public Instant resolve(Instant now) {
      return instant.truncatedTo(ChronoUnit.MINUTES);
    }
  }

  /** Starts this long before now. */
  record Ago(Duration duration) implements MinuteBackfillStart {
    public Ago {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("the duration must not be negative, was " + duration);
      }
    }

    @Override
    public Instant resolve(Instant now) {
      return now.minus(duration).truncatedTo(ChronoUnit.MINUTES);
    }
  }

  /**
   * Parses an ISO-8601 instant (with {@code Z} or an offset) or an ISO-8601 duration.
   *
   * @throws IllegalArgumentException saying what is expected
   */
  static MinuteBackfillStart parse(String text) {
    String value = Objects.requireNonNull(text, "text").strip();
    // A duration always starts with P (or -P); anything else can only be an instant.
    try {
      return value.toUpperCase(Locale.ROOT).matches("[-+]?P.*")
          ? new Ago(Duration.parse(value))
          : new At(Instant.parse(value));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("expected " + EXPECTED, e);
    }
  }
}
