package tech.flashback.connect.discovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.apache.kafka.connect.util.ConnectorUtils;
import tech.flashback.connect.config.FlashbackSourceTaskConfig;

/**
 * Splits the sorted buckets over {@code min(tasks.max, buckets)} tasks with Connect's own
 * contiguous grouping, so no two tasks share a bucket and the same buckets always give the same
 * split. The first task also owns the catalog stream (even with no buckets, so the catalog can
 * still tombstone buckets that all disappeared).
 */
public final class TaskAssignments {

  private TaskAssignments() {}

  /**
   * @param connectorProps the connector's configuration, copied into every task's
   * @param buckets the selected buckets, sorted
   * @param maxTasks {@code tasks.max}
   * @param catalogEnabled whether the catalog stream is on
   */
  public static List<Map<String, String>> taskConfigs(
      Map<String, String> connectorProps,
      SortedSet<String> buckets,
      int maxTasks,
      boolean catalogEnabled) {
    List<List<String>> groups =
        buckets.isEmpty()
            ? (catalogEnabled ? List.of(List.of()) : List.of())
            : ConnectorUtils.groupPartitions(
                new ArrayList<>(buckets), Math.min(maxTasks, buckets.size()));
    List<Map<String, String>> configs = new ArrayList<>(groups.size());
    for (int i = 0; i < groups.size(); i++) {
      Map<String, String> config = new HashMap<>(connectorProps);
      config.put(FlashbackSourceTaskConfig.TASK_BUCKET_IDS_CONFIG, String.join(",", groups.get(i)));
      config.put(
          FlashbackSourceTaskConfig.TASK_CATALOG_OWNER_CONFIG,
          Boolean.toString(i == 0 && catalogEnabled));
      configs.add(config);
    }
    return configs;
  }
}
