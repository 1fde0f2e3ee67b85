package tech.flashback.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BucketSelectionTest {

  private static BucketSelection selection(String include, String exclude) {
    return new BucketSelection(
        null,
        List.of(),
        include == null ? null : Pattern.compile(include),
        exclude == null ? null : Pattern.compile(exclude),
        Duration.ofMinutes(5));
  }

  @Test
  void withoutPatternsEveryBucketMatches() {
    assertThat(selection(null, null).matches("b-1", "anything")).isTrue();
    assertThat(selection(null, null).matches("b-1", null)).isTrue();
  }

  @Test
  void anIncludePatternMatchesTheWholeIdOrTheWholeName() {
    BucketSelection prod = selection("prod-.*", null);
    assertThat(prod.matches("prod-1", "whatever")).isTrue();
    assertThat(prod.matches("b-7", "prod-logs")).isTrue();
    assertThat(prod.matches("b-7", "logs-prod-x")).as("a partial match is no match").isFalse();
    assertThat(prod.matches("b-7", null)).isFalse();
  }

  @Test
  void anExcludePatternWinsOverTheIncludePattern() {
    BucketSelection selection = selection("prod-.*", ".*-tmp");
    assertThat(selection.matches("prod-1", "prod-data")).isTrue();
    assertThat(selection.matches("prod-1", "prod-data-tmp")).isFalse();
    assertThat(selection.matches("prod-tmp", "data")).isFalse();
  }

  @Test
  void anExcludePatternAloneDropsOnlyWhatItMatches() {
    BucketSelection selection = selection(null, "b-2|secret.*");
    assertThat(selection.matches("b-1", "logs")).isTrue();
    assertThat(selection.matches("b-2", "logs")).isFalse();
    assertThat(selection.matches("b-3", "secret-store")).isFalse();
  }

  @Test
  void explicitIdsAreKeptInOrderAndMarkTheSelectionAsExplicit() {
    BucketSelection explicit =
        new BucketSelection(null, List.of("b", "a"), null, null, Duration.ofMinutes(5));
    assertThat(explicit.hasExplicitBucketIds()).isTrue();
    assertThat(explicit.explicitBucketIds()).containsExactly("b", "a");
    assertThat(selection(null, null).hasExplicitBucketIds()).isFalse();
  }
}
