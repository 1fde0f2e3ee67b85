package tech.flashback.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed configuration reference is generated from the ConfigDef and kept current. */
class ConfigurationDocsTest {

  private static final Path COMMITTED = Path.of("docs", "configuration.md");

  @Test
  void theCommittedReferenceIsCurrent() throws Exception {
    assertThat(COMMITTED).exists();
    String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
    assertThat(committed)
        .as(
            "docs/configuration.md is stale; regenerate it with `"
                + ConfigDocs.REGENERATE_COMMAND
                + "`")
        .isEqualTo(ConfigDocs.render());
  }

  @Test
  void mainWritesTheReferenceToTheGivenFile(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("sub/configuration.md");
    ConfigDocs.main(new String[] {target.toString()});
    assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo(ConfigDocs.render());
  }

  @Test
  void everyKeyIsDocumentedOnceInItsGroupsSectionInOrder() {
    String docs = ConfigDocs.render();
    int previous = -1;
    String previousGroup = null;
    for (ConfigKey key : FlashbackSourceTaskConfig.CONFIG_DEF.configKeys().values()) {
      String heading = "\n### `" + key.name + "`\n";
      assertThat(docs).containsOnlyOnce(heading);
      int at = docs.indexOf(heading);
      if (key.group.equals(previousGroup)) {
        assertThat(at)
            .as(key.name + " after the previous key of its group")
            .isGreaterThan(previous);
      }
      assertThat(docs.lastIndexOf("\n## ", at))
          .as(key.name + " in section " + key.group)
          .isEqualTo(docs.lastIndexOf("\n## " + key.group + "\n", at));
      previous = at;
      previousGroup = key.group;
    }
  }

  @Test
  void eachKeyShowsTypeDefaultValidValuesImportanceAndDoc() {
    String docs = ConfigDocs.render();
    assertThat(docs)
        .contains(
            "### `flashback.api.retry.max.attempts`\n\n"
                + FlashbackSourceConnectorConfig.API_RETRY_MAX_ATTEMPTS_DOC
                + "\n\n- Display name: Attempts per request\n- Type: int\n- Default: `6`\n"
                + "- Valid values: [1,...,100]\n- Importance: medium\n")
        .contains("### `flashback.api.token`")
        .contains("- Type: password\n- Default: required\n")
        .contains("### `flashback.api.proxy.password`")
        .contains("- Default: none\n")
        .contains("- Default: `buckets,bucket-totals,node-daily,minute`\n")
        .contains("## Internal (set by the connector)");
  }

  @Test
  void groupsAppearInDefinitionOrder() {
    String docs = ConfigDocs.render();
    assertThat(docs)
        .containsSubsequence(
            "\n## API\n",
            "\n## Proxy and TLS\n",
            "\n## Buckets\n",
            "\n## Streams\n",
            "\n## Records\n",
            "\n## Internal (set by the connector)\n");
  }
}
