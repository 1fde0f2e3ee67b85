package tech.flashback.connect.config;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the node-daily stream starts for a bucket that has no offset yet: a fixed UTC date, or a
 * period back from the current UTC date.
 */
public sealed interface DailyBackfillStart {

  /** What the configuration accepts, for messages and the generated docs. */
  String EXPECTED =
      "an ISO-8601 date such as 2024-01-01, or an ISO-8601 period back from today such as P30D";

  /** The first day to read, given today's UTC date. */
  LocalDate resolve(LocalDate today);

  /** Starts on a fixed date. */
  record On(LocalDate date) implements DailyBackfillStart {
    public On {
      Objects.requireNonNull(date, "date");
    }

    @Override
    public LocalDate resolve(LocalDate today) {
      return date;
    }
  }

  /** Starts this long before today. */
  record Ago(Period period) implements DailyBackfillStart {
    public Ago {
      if (period.isNegative()) {
        throw new IllegalArgumentException("the period must not be negative, was " + period);
      }
    }

    @Override
    public LocalDate resolve(LocalDate today) {
      return today.minus(period);
    }
  }

  /**
   * Parses an ISO-8601 date or an ISO-8601 period.
   *
   * @throws IllegalArgumentException saying what is expected
   */
  static DailyBackfillStart parse(String text) {
    String value = Objects.requireNonNull(text, "text").strip();
    try {
      return value.toUpperCase(Locale.ROOT).matches("[-+]?P.*")
          ? new Ago(Period.parse(value))
          : new On(LocalDate.parse(value));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("expected " + EXPECTED, e);
    }
  }
}
