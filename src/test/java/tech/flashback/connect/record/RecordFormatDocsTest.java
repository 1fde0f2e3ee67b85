package tech.flashback.connect.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.connect.data.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record format part of the operator's guide is generated from the code and kept current. */
class RecordFormatDocsTest {

  @Test
  void theGuidesGeneratedPartIsCurrent() throws Exception {
    String committed = Files.readString(RecordFormatDocs.GUIDE, StandardCharsets.UTF_8);

    assertThat(committed)
        .as(
            "the record format in %s is stale; regenerate it with `%s`",
            RecordFormatDocs.GUIDE, RecordFormatDocs.REGENERATE)
        .isEqualTo(RecordFormatDocs.withGenerated(committed));
  }

  @Test
  void everyFieldOfEverySchemaIsInTheGeneratedPart() {
    String rendered = RecordFormatDocs.render();
    for (var schema : AvroSchemaFiles.CURRENT.values()) {
      assertThat(rendered).contains("`" + schema.name() + "`, version " + schema.version());
      for (Field field : schema.fields()) {
        assertThat(rendered).contains("| `" + field.name() + "` | ");
      }
    }
  }

  @Test
  void mainRewritesOnlyTheGeneratedPart(@TempDir Path dir) throws Exception {
    Path guide = dir.resolve("guide.md");
    Files.writeString(
        guide,
        "before\n" + RecordFormatDocs.BEGIN + "\nold\n" + RecordFormatDocs.END + "\nafter\n",
        StandardCharsets.UTF_8);

    RecordFormatDocs.main(new String[] {guide.toString()});

    assertThat(Files.readString(guide, StandardCharsets.UTF_8))
        .isEqualTo(
            "before\n"
                + RecordFormatDocs.BEGIN
                + "\n"
                + RecordFormatDocs.render()
                + RecordFormatDocs.END
                + "\nafter\n");
  }
}
