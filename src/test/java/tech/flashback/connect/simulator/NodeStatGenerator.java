package tech.flashback.connect.simulator;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** Daily node statistics: pure functions of (bucket key, node index, day). */
final class NodeStatGenerator {

  private static final double ONLINE_SHARE = 0.85;
  private static final double OFFLINE_SHARE = 0.10;

  SimNodeStat stat(BucketModel bucket, LocalDate day, int node) {
    long nodeKey = SplitMix64.hash(bucket.key(), 2000 + node);
    long h = SplitMix64.hash(bucket.key(), day.toEpochDay(), 1000 + node);
    double draw = SplitMix64.unit(SplitMix64.mix(h));
    String status =
        draw < ONLINE_SHARE
            ? "ONLINE"
            : draw < ONLINE_SHARE + OFFLINE_SHARE ? "OFFLINE" : "DISCONNECTED";
    long avgLatency = 8 + SplitMix64.below(SplitMix64.mix(h + 2), 240);
    return new SimNodeStat(
        bucket.id(),
        day,
        node,
        ip(nodeKey),
        String.format(
            Locale.ROOT,
            "node-%02d-%s-%s.flashback.tech",
            node,
            bucket.bucket().region(),
            bucket.bucket().storageType().toLowerCase(Locale.ROOT)),
        uptime(status, SplitMix64.unit(SplitMix64.mix(h + 1))),
        avgLatency,
        "1." + (2 + SplitMix64.below(nodeKey, 2)) + "." + Math.floorMod(day.toEpochDay() / 14, 10),
        status,
        day.atStartOfDay()
            .toInstant(ZoneOffset.UTC)
            .plusSeconds(SplitMix64.below(SplitMix64.mix(h + 4), 86_400)),
        Math.max(1, avgLatency - 20 + SplitMix64.below(SplitMix64.mix(h + 3), 41)));
  }

  private static String ip(long nodeKey) {
    return String.format(
        Locale.ROOT,
        "10.%d.%d.%d",
        (nodeKey >>> 8) & 0xFF,
        (nodeKey >>> 16) & 0xFF,
        1 + SplitMix64.below(nodeKey >>> 24, 254));
  }

  /** Percentage with two decimals, consistent with the status. */
  private static double uptime(String status, double draw) {
    double value =
        switch (status) {
          case "ONLINE" -> 97 + 3 * draw;
          case "OFFLINE" -> 40 + 57 * draw;
          default -> 60 * draw;
        };
    return Math.round(value * 100) / 100.0;
  }
}
