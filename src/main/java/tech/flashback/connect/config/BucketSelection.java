package tech.flashback.connect.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which buckets the connector streams.
 *
 * <p>An explicit id list is taken as given and skips discovery (and so the patterns); otherwise the
 * connector lists buckets (of one workspace, or all the token can see) every {@code relistInterval}
 * and keeps those that {@link #matches match}.
 *
 * @param workspaceId the workspace to list, or {@code null} for every bucket the token can see
 * @param explicitBucketIds the configured bucket ids, in configured order; empty to discover
 * @param include buckets whose id or name fully matches are kept; {@code null} keeps all
 * @param exclude buckets whose id or name fully matches are dropped, even when included; or {@code
 *     null}
 * @param relistInterval how often discovery lists buckets again
 */
public record BucketSelection(
    String workspaceId,
    List<String> explicitBucketIds,
    Pattern include,
    Pattern exclude,
    Duration relistInterval) {

  public BucketSelection {
    explicitBucketIds = List.copyOf(explicitBucketIds);
    Objects.requireNonNull(relistInterval, "relistInterval");
  }

  /** Whether the bucket ids are configured, so no listing (and no pattern) is needed. */
  public boolean hasExplicitBucketIds() {
    return !explicitBucketIds.isEmpty();
  }

  /**
   * Whether a listed bucket is selected: included (by id or name) unless excluded (by id or name);
   * exclusion wins. Patterns must match the whole id or name. A {@code null} name only tests the
   * id.
   */
  public boolean matches(String id, String name) {
    boolean included = include == null || fullyMatches(include, id, name);
    return included && !(exclude != null && fullyMatches(exclude, id, name));
  }

  private static boolean fullyMatches(Pattern pattern, String id, String name) {
    return id != null && pattern.matcher(id).matches()
        || name != null && pattern.matcher(name).matches();
  }
}
