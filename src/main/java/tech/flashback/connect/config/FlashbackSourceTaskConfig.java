package tech.flashback.connect.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * A task's configuration: the connector's keys plus the assignment the connector adds to each
 * task's copy. The assignment keys are internal: the connector sets them, never an operator, and
 * they make every task's configuration different, so no two tasks fetch the same data.
 */
public class FlashbackSourceTaskConfig extends FlashbackSourceConnectorConfig {

  public static final String INTERNAL_GROUP = "Internal (set by the connector)";

  public static final String TASK_BUCKET_IDS_CONFIG = "flashback.task.bucket.ids";
  public static final String TASK_BUCKET_IDS_DISPLAY = "Task bucket ids";
  public static final String TASK_BUCKET_IDS_DOC =
      "Internal, set by the connector for each task: the ids of the buckets this task owns. "
          + "May be empty for a task that only emits the catalog.";

  public static final String TASK_CATALOG_OWNER_CONFIG = "flashback.task.catalog.owner";
  public static final boolean TASK_CATALOG_OWNER_DEFAULT = false;
  public static final String TASK_CATALOG_OWNER_DISPLAY = "Task emits the catalog";
  public static final String TASK_CATALOG_OWNER_DOC =
      "Internal, set by the connector: whether this task emits the buckets (catalog) stream. "
          + "Exactly one task does.";

  /** The connector's definition plus the task-only keys. */
  public static final ConfigDef CONFIG_DEF = configDef();

  public FlashbackSourceTaskConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props);
  }

  /** A new copy of the task definition. */
  public static ConfigDef configDef() {
    int order = 0;
    return FlashbackSourceConnectorConfig.configDef()
        .define(
            TASK_BUCKET_IDS_CONFIG,
            Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            new IdListValidator(),
            Importance.HIGH,
            TASK_BUCKET_IDS_DOC,
            INTERNAL_GROUP,
            ++order,
            Width.LONG,
            TASK_BUCKET_IDS_DISPLAY)
        .define(
            TASK_CATALOG_OWNER_CONFIG,
            Type.BOOLEAN,
            TASK_CATALOG_OWNER_DEFAULT,
            Importance.HIGH,
            TASK_CATALOG_OWNER_DOC,
            INTERNAL_GROUP,
            ++order,
            Width.SHORT,
            TASK_CATALOG_OWNER_DISPLAY);
  }

  /** The buckets this task owns, in the order the connector assigned them. */
  public List<String> taskBucketIds() {
    return List.copyOf(getList(TASK_BUCKET_IDS_CONFIG));
  }

  /** Whether this task emits the catalog stream. */
  public boolean catalogOwner() {
    return getBoolean(TASK_CATALOG_OWNER_CONFIG);
  }
}
