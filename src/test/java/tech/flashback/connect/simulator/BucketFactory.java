package tech.flashback.connect.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Creates the n-th bucket: every id, name and credential is a function of (seed, n). */
final class BucketFactory {

  private static final String[] STORAGE_TYPES = {"S3", "GCS", "BLOB"};
  private static final String[] PROVIDERS = {"aws", "gcp", "azure"};
  private static final String[] REGIONS = {
    "us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-1"
  };
  private static final long SALT_ID = 1;
  private static final long SALT_KEY = 2;
  private static final long SALT_SECRET = 3;
  private static final long SALT_REPO = 4;
  private static final long SALT_SHAPE = 5;

  private final DatasetConfig config;

  BucketFactory(DatasetConfig config) {
    this.config = config;
  }

  List<String> workspaceIds() {
    List<String> ids = new ArrayList<>();
    for (int w = 0; w < config.workspaces(); w++) {
      ids.add(workspaceId(w));
    }
    return ids;
  }

  /** The n-th bucket; initial buckets were created before history start, added ones at now. */
  BucketModel create(int index, Instant createdAtOrNull) {
    long key = SplitMix64.hash(config.seed(), index);
    long shape = SplitMix64.hash(key, SALT_SHAPE);
    int type = (int) SplitMix64.below(shape, STORAGE_TYPES.length);
    String region = REGIONS[(int) SplitMix64.below(SplitMix64.mix(shape), REGIONS.length)];
    Instant createdAt =
        createdAtOrNull != null
            ? createdAtOrNull.truncatedTo(ChronoUnit.SECONDS)
            : config
                .historyStart()
                .minus(Duration.ofMinutes(1440 + SplitMix64.below(key, 90 * 1440L)));
    String name = String.format(Locale.ROOT, "sim-bucket-%03d", index);
    SimBucket bucket =
        new SimBucket(
            uuid(SplitMix64.hash(key, SALT_ID)),
            name,
            STORAGE_TYPES[type],
            "fb-" + name,
            String.format(Locale.ROOT, "SIMKEY%016X", SplitMix64.hash(key, SALT_KEY)),
            String.format(
                Locale.ROOT,
                "simsecret-%016x%016x",
                SplitMix64.hash(key, SALT_SECRET),
                SplitMix64.hash(key, SALT_SECRET + 100)),
            endpoint(type, region),
            region,
            "ACTIVE",
            createdAt.plusSeconds(SplitMix64.below(shape, 3600)),
            createdAt,
            workspaceId(index % config.workspaces()));
    long base = config.largeCounters() && index == 0 ? DatasetConfig.LARGE_COUNTER_BASE : 0;
    return new BucketModel(bucket, index, key, repoIds(key), hosts(region, PROVIDERS[type]), base);
  }

  private String workspaceId(int index) {
    return String.format(
        Locale.ROOT, "workspace-%08x", SplitMix64.hash(config.seed(), 7, index) >>> 32);
  }

  private List<String> repoIds(long key) {
    List<String> repos = new ArrayList<>();
    for (int r = 0; r < config.reposPerBucket(); r++) {
      repos.add(uuid(SplitMix64.hash(key, SALT_REPO, r)));
    }
    return repos.stream().sorted().toList();
  }

  private List<String> hosts(String region, String provider) {
    List<String> hosts = new ArrayList<>();
    for (int h = 0; h < config.hostsPerBucket(); h++) {
      hosts.add(String.format(Locale.ROOT, "edge-%02d-%s-%s.flashback.tech", h, region, provider));
    }
    return hosts.stream().sorted().toList();
  }

  private static String endpoint(int type, String region) {
    return switch (type) {
      case 0 -> "https://s3." + region + ".amazonaws.com";
      case 1 -> "https://storage.googleapis.com";
      default -> "https://simaccount.blob.core.windows.net";
    };
  }

  /** A version-4-shaped UUID built from a hash, so ids look like the real API's. */
  private static String uuid(long hash) {
    long high = (SplitMix64.mix(hash) & ~0xF000L) | 0x4000L;
    long low = (SplitMix64.mix(hash + 1) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
