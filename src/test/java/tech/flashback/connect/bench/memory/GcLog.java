package tech.flashback.connect.bench.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a GC log written with {@code -Xlog:gc*:file=..:utctime,uptime,level,tags}: the pause
 * summaries of the plain {@code gc} tag, one per collection that changes the heap, and the
 * collector's name. Lines of other tags ({@code gc,heap}, {@code gc,phases}, ..) are skipped.
 */
public final class GcLog {

  /** The JVM's {@code -Xlog} option that writes what this class reads, without file rotation. */
  public static String xlogOption(Path file) {
    return "-Xlog:gc*:file=" + file + ":utctime,uptime,level,tags:filecount=0";
  }

  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  // [utctime][uptime][level][gc   ] GC(n) <kind> <before>-><after>(<capacity>) <pause>ms
  private static final Pattern PAUSE =
      Pattern.compile(
          "^\\[(\\d{4}-\\d\\d-\\d\\dT[^\\]]+)\\](?:\\[[^\\]]*\\])*?\\[gc\\s*\\] GC\\((\\d+)\\) (.+?) "
              + "(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([\\d.]+)ms\\s*$");
  private static final Pattern USING = Pattern.compile("\\[gc\\s*\\] Using (.+?)\\s*$");

  private GcLog() {}

  public static List<GcEvent> read(Path file) throws IOException {
    return parse(Files.readAllLines(file));
  }

  /** The pauses, in log order. */
  public static List<GcEvent> parse(List<String> lines) {
    List<GcEvent> events = new ArrayList<>();
    for (String line : lines) {
      parseLine(line).ifPresent(events::add);
    }
    return events;
  }

  /** The pause a line summarizes, if it is such a line. */
  public static Optional<GcEvent> parseLine(String line) {
    Matcher m = PAUSE.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new GcEvent(
            OffsetDateTime.parse(m.group(1), UTC_TIME).toInstant(),
            Integer.parseInt(m.group(2)),
            m.group(3),
            bytes(m.group(4), m.group(5)),
            bytes(m.group(6), m.group(7)),
            bytes(m.group(8), m.group(9)),
            Double.parseDouble(m.group(10))));
  }

  /** The collector, from the log's first line ({@code Using G1}), or "unknown". */
  public static String collector(List<String> lines) {
    for (String line : lines) {
      Matcher m = USING.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    return "unknown";
  }

  private static long bytes(String amount, String unit) {
    long value = Long.parseLong(amount);
    return switch (unit) {
      case "K" -> value << 10;
      case "M" -> value << 20;
      case "G" -> value << 30;
      default -> throw new IllegalArgumentException("unit " + unit);
    };
  }
}
