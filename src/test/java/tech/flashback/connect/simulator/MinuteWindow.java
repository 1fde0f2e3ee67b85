package tech.flashback.connect.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The inclusive [from, to] window of a minute-stats request. Parameters may be ISO-8601 instants
 * (with Z or an offset) or plain dates; a plain {@code endDate} means the end of that day, as the
 * vendor's example ({@code startDate=endDate=2024-02-01}) implies. With day-granular filtering the
 * window widens to whole UTC days, as a real server may do.
 */
record MinuteWindow(Instant from, Instant to) {

  static MinuteWindow parse(
      Optional<String> startDate,
      Optional<String> endDate,
      Instant defaultFrom,
      Instant now,
      boolean dayGranular) {
    Instant from = startDate.map(s -> parse(s, false)).orElse(defaultFrom);
    Instant to = endDate.map(s -> parse(s, true)).orElse(now);
    if (dayGranular) {
      from = from.truncatedTo(ChronoUnit.DAYS);
      to = to.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).minusMillis(1);
    }
    return new MinuteWindow(from, to);
  }

  private static Instant parse(String text, boolean endOfDay) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notAnInstant) {
      try {
        LocalDate day = LocalDate.parse(text);
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        return endOfDay ? start.plus(1, ChronoUnit.DAYS).minusMillis(1) : start;
      } catch (DateTimeParseException notADate) {
        throw new BadRequestException("Invalid date: " + text);
      }
    }
  }
}
