package tech.flashback.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tech.flashback.connect.config.ConfigTestSupport.props;
import static tech.flashback.connect.config.FlashbackSourceTaskConfig.TASK_BUCKET_IDS_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceTaskConfig.TASK_CATALOG_OWNER_CONFIG;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class FlashbackSourceTaskConfigTest {

  @Test
  void readsTheAssignmentTheConnectorAdded() {
    Map<String, String> props =
        props(TASK_BUCKET_IDS_CONFIG, "b-1,b-2", TASK_CATALOG_OWNER_CONFIG, "true");
    FlashbackSourceTaskConfig config = new FlashbackSourceTaskConfig(props);
    assertThat(config.taskBucketIds()).containsExactly("b-1", "b-2");
    assertThat(config.catalogOwner()).isTrue();
  }

  @Test
  void aTaskMayOwnNoBucketsAndIsNotTheCatalogOwnerByDefault() {
    FlashbackSourceTaskConfig config =
        new FlashbackSourceTaskConfig(props(TASK_BUCKET_IDS_CONFIG, ""));
    assertThat(config.taskBucketIds()).isEmpty();
    assertThat(config.catalogOwner()).isFalse();
  }

  @Test
  void keepsEveryConnectorGetter() {
    FlashbackSourceTaskConfig config =
        new FlashbackSourceTaskConfig(
            props(TASK_BUCKET_IDS_CONFIG, "b-1", "flashback.topic.prefix", "x."));
    assertThat(config.topic(StreamKind.MINUTE)).isEqualTo("x.minute");
    assertThat(config.apiClientSettings().token().value()).isEqualTo(ConfigTestSupport.TOKEN);
  }

  @Test
  void theBucketAssignmentIsRequiredSoAConnectorBugFailsFast() {
    assertThatThrownBy(() -> new FlashbackSourceTaskConfig(props()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(TASK_BUCKET_IDS_CONFIG);
  }

  @Test
  void aDuplicatedBucketInTheAssignmentIsRefused() {
    assertThatThrownBy(() -> new FlashbackSourceTaskConfig(props(TASK_BUCKET_IDS_CONFIG, "a,a")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("more than once");
  }

  @Test
  void theTaskKeysAreOnlyInTheTaskDefinitionInTheirOwnGroup() {
    assertThat(FlashbackSourceConnectorConfig.CONFIG_DEF.names())
        .doesNotContain(TASK_BUCKET_IDS_CONFIG, TASK_CATALOG_OWNER_CONFIG);
    assertThat(FlashbackSourceTaskConfig.CONFIG_DEF.configKeys().get(TASK_BUCKET_IDS_CONFIG).group)
        .isEqualTo(FlashbackSourceTaskConfig.INTERNAL_GROUP);
    assertThat(
            FlashbackSourceTaskConfig.CONFIG_DEF
                .configKeys()
                .get(TASK_BUCKET_IDS_CONFIG)
                .documentation)
        .startsWith("Internal");
  }
}
