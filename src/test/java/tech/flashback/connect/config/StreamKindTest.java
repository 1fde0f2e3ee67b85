package tech.flashback.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamKindTest {

  @Test
  void streamNamesAreTheStableConfigurationNames() {
    assertThat(StreamKind.streamNames())
        .containsExactly("buckets", "bucket-totals", "node-daily", "minute");
    assertThat(StreamKind.BUCKET_TOTALS.streamName()).isEqualTo("bucket-totals");
    assertThat(StreamKind.NODE_DAILY).hasToString("node-daily");
  }

  @Test
  void fromNameFindsEveryStreamByItsName() {
    for (StreamKind kind : StreamKind.values()) {
      assertThat(StreamKind.fromName(kind.streamName())).isSameAs(kind);
    }
  }

  @Test
  void fromNameRejectsAnUnknownNameAndListsTheValidOnes() {
    assertThatThrownBy(() -> StreamKind.fromName("BUCKET_TOTALS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'BUCKET_TOTALS'")
        .hasMessageContaining("buckets, bucket-totals, node-daily, minute");
  }
}
