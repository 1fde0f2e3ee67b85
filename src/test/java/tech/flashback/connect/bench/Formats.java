package tech.flashback.connect.bench;

import java.time.Duration;
import java.util.Locale;

/** How figures are written in the report, so every part writes them the same way. */
public final class Formats {

  private Formats() {}

  /** A rate such as {@code 1.23M rows/s} or {@code 45.6k rows/s}. */
  public static String rate(double perSecond, String unit) {
    return count(perSecond) + " " + unit + "/s";
  }

  /** A large number with a k/M suffix: {@code 1.23M}, {@code 45.6k}, {@code 812}. */
  public static String count(double value) {
    double abs = Math.abs(value);
    if (abs >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", value / 1e6);
    }
    if (abs >= 1e4) {
      return String.format(Locale.ROOT, "%.1fk", value / 1e3);
    }
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  /** Bytes per second as MB/s (10^6 bytes). */
  public static String megabytesPerSecond(double bytesPerSecond) {
    return String.format(Locale.ROOT, "%.1f MB/s", bytesPerSecond / 1e6);
  }

  /** Bytes as MiB. */
  public static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024.0));
  }

  /** A ratio as a percentage: {@code 73%}. */
  public static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
  }

  /** A ratio as a multiple: {@code 1.8×}. */
  public static String times(double ratio) {
    return String.format(Locale.ROOT, "%.1f×", ratio);
  }

  /** A duration in the unit that reads best: {@code 412 ms}, {@code 3.2 s}. */
  public static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 10) {
      return String.format(Locale.ROOT, "%.2f ms", duration.toNanos() / 1e6);
    }
    if (millis < 10_000) {
      return millis + " ms";
    }
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
