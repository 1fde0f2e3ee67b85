package tech.flashback.connect.client.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlexibleTimestampsTest {

  private static final Instant MINUTE = Instant.parse("2024-02-01T00:00:00Z");

  @Test
  void readsEpochMillisAndEpochSecondsAsNumbersOrText() throws Exception {
    assertThat(FlexibleTimestamps.toInstant("t", 1_706_745_600_000L)).isEqualTo(MINUTE);
    assertThat(FlexibleTimestamps.toInstant("t", 1_706_745_600L)).isEqualTo(MINUTE);
    assertThat(FlexibleTimestamps.toInstant("t", "1706745600000")).isEqualTo(MINUTE);
    assertThat(FlexibleTimestamps.toInstant("t", "1706745600")).isEqualTo(MINUTE);
  }

  @Test
  void readsFractionalEpochSecondsAndMicros() throws Exception {
    assertThat(FlexibleTimestamps.toInstant("t", new JsonFloat("1706745600.5")))
        .isEqualTo(MINUTE.plusMillis(500));
    assertThat(FlexibleTimestamps.toInstant("t", 1_706_745_600_000_123L))
        .isEqualTo(MINUTE.plusNanos(123_000));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-02-01T00:00:00Z",
        "2024-02-01T00:00:00.000Z",
        "2024-02-01T02:00:00+02:00",
        "2024-01-31T19:00:00-05:00",
        "2024-02-01T00:00:00",
        "2024-02-01 00:00:00Z",
        "2024-02-01"
      })
  void readsIsoTextWithOrWithoutOffset(String text) throws Exception {
    assertThat(FlexibleTimestamps.toInstant("timestamp", text)).isEqualTo(MINUTE);
  }

  @Test
  void readsEmptyTextAndNullAsNull() throws Exception {
    assertThat(FlexibleTimestamps.toInstant("t", "")).isNull();
    assertThat(FlexibleTimestamps.toInstant("t", null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-a-time", "2024-13-01T00:00:00Z", "yesterday", "1e999999999"})
  void refusesTextThatIsNoTimestamp(String text) {
    assertThatThrownBy(() -> FlexibleTimestamps.toInstant("timestamp", text))
        .isInstanceOf(MalformedRowException.class)
        .hasMessageStartingWith("field 'timestamp': expected a timestamp");
  }
}
