package tech.flashback.connect.client.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StringDeduplicatorTest {

  private final StringDeduplicator strings = new StringDeduplicator();

  /** The text as the parser's buffer holds it: inside a larger array, at an offset. */
  private String read(int kind, String text) {
    char[] buffer = ("<<" + text + ">>").toCharArray();
    return kind < 0
        ? strings.dedupe(buffer, 2, text.length())
        : strings.dedupe(kind, buffer, 2, text.length());
  }

  @Test
  void equalTextOfAnyKindIsOneString() {
    String first = read(0, "edge-00");
    String again = read(0, "edge-00");
    String otherKind = read(1, "edge-00");
    String noKind = read(-1, "edge-00");

    assertThat(first).isEqualTo("edge-00");
    assertThat(again).isSameAs(first);
    assertThat(otherKind).isSameAs(first);
    assertThat(noKind).isSameAs(first);
    assertThat(strings.size()).isEqualTo(1);
  }

  @Test
  void valuesTakingTurnsAndValuesSeenLongBeforeAreShared() {
    String a = read(0, "edge-00");
    String b = read(0, "edge-01");
    for (int i = 0; i < 5; i++) {
      assertThat(read(0, "edge-00")).isSameAs(a);
      assertThat(read(0, "edge-01")).isSameAs(b);
    }
    String c = read(0, "edge-02");
    read(0, "edge-03");

    assertThat(read(0, "edge-00")).isSameAs(a); // no longer recent: found in the table
    assertThat(read(0, "edge-02")).isSameAs(c);
    assertThat(read(0, "edge-0")).isEqualTo("edge-0"); // a prefix is another text
    assertThat(strings.size()).isEqualTo(5);
  }

  @Test
  void requestIdsAreTheStringsRowsGetBack() {
    String asked = new String("bucket-1".toCharArray());
    assertThat(strings.dedupe(asked)).isSameAs(asked);

    assertThat(read(0, "bucket-1")).isSameAs(asked);
  }

  @Test
  void longTextIsNotKeptAndAFullTableStillGivesTheText() {
    String longText = "x".repeat(65);
    assertThat(read(0, longText)).isEqualTo(longText);
    assertThat(strings.size()).isZero();

    for (int i = 0; i < 20_000; i++) {
      assertThat(read(i % 3, "id-" + i)).isEqualTo("id-" + i);
    }
    assertThat(strings.size()).isEqualTo(16_384);
    assertThat(read(0, "id-19999")).isEqualTo("id-19999");
    assertThat(read(0, "id-1")).isEqualTo("id-1");
  }
}
