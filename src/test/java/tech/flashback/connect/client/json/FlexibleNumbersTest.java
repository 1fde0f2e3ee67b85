package tech.flashback.connect.client.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlexibleNumbersTest {

  @Test
  void readsIntegersSentAsNumbersOrStringsExactlyBeyondTwoToThe53() throws Exception {
    long beyondDouble = 9_007_199_254_740_993L; // 2^53 + 1: a double round-trip would lose it
    assertThat(FlexibleNumbers.toLong("f", beyondDouble)).isEqualTo(beyondDouble);
    assertThat(FlexibleNumbers.toLong("f", "9007199254740993")).isEqualTo(beyondDouble);
    assertThat(FlexibleNumbers.toLong("f", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(FlexibleNumbers.toLong("f", "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void readsNegativeAndIntegralDecimalForms() throws Exception {
    assertThat(FlexibleNumbers.toLong("f", "-512")).isEqualTo(-512L);
    assertThat(FlexibleNumbers.toLong("f", " 1250 ")).isEqualTo(1250L);
    assertThat(FlexibleNumbers.toLong("f", "1250.0")).isEqualTo(1250L);
    assertThat(FlexibleNumbers.toLong("f", "1.25e3")).isEqualTo(1250L);
    assertThat(FlexibleNumbers.toLong("f", new JsonFloat("2048.000"))).isEqualTo(2048L);
  }

  @Test
  void parsesPlainDigitsInOnePassAndMarksEverythingElse() {
    assertThat(plain("13778701083")).isEqualTo(13_778_701_083L);
    assertThat(plain("-512")).isEqualTo(-512L);
    assertThat(plain("+7")).isEqualTo(7L);
    assertThat(plain("0")).isZero();
    assertThat(plain("999999999999999999")).isEqualTo(999_999_999_999_999_999L); // 18 digits
    for (String other : new String[] {"", "-", "+", "1000000000000000000", "12a", "1.0", " 1"}) {
      assertThat(plain(other)).as(other).isEqualTo(FlexibleNumbers.NOT_PLAIN);
    }
    char[] buffer = "xx42yy".toCharArray(); // the parser's buffer holds text around the value
    assertThat(FlexibleNumbers.parsePlainLong(buffer, 2, 2)).isEqualTo(42L);
  }

  private static long plain(String text) {
    return FlexibleNumbers.parsePlainLong(text.toCharArray(), 0, text.length());
  }

  @Test
  void readsNullAndEmptyTextAsNull() throws Exception {
    assertThat(FlexibleNumbers.toLong("f", null)).isNull();
    assertThat(FlexibleNumbers.toLong("f", "")).isNull();
    assertThat(FlexibleNumbers.toLong("f", "   ")).isNull();
    assertThat(FlexibleNumbers.toDouble("f", "")).isNull();
  }

  @Test
  void refusesValuesOutsideInt64InsteadOfWrapping() {
    assertThatThrownBy(() -> FlexibleNumbers.toLong("totalCount", "9223372036854775808"))
        .isInstanceOf(MalformedRowException.class)
        .hasMessageContaining("totalCount")
        .hasMessageContaining("within int64");
    assertThatThrownBy(
            () -> FlexibleNumbers.toLong("totalCount", new BigInteger("99999999999999999999")))
        .hasMessageContaining("within int64");
    assertThatThrownBy(() -> FlexibleNumbers.toLong("f", "1e999999999"))
        .hasMessageContaining("within int64");
  }

  @ParameterizedTest
  @ValueSource(strings = {"12x", "1.5", "0x10", "NaN", "true", "1,000"})
  void refusesTextThatIsNotAnInteger(String text) {
    assertThatThrownBy(() -> FlexibleNumbers.toLong("upl_bytes", text))
        .isInstanceOf(MalformedRowException.class)
        .hasMessageStartingWith("field 'upl_bytes': expected an integer");
  }

  @Test
  void readsDoublesFromNumbersAndStrings() throws Exception {
    assertThat(FlexibleNumbers.toDouble("f", 45L)).isEqualTo(45.0);
    assertThat(FlexibleNumbers.toDouble("f", new JsonFloat("99.5"))).isEqualTo(99.5);
    assertThat(FlexibleNumbers.toDouble("f", "99.5")).isEqualTo(99.5);
    assertThat(FlexibleNumbers.toDouble("f", "-1e2")).isEqualTo(-100.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"high", "NaN", "Infinity", "1d", "0x1p3"})
  void refusesTextThatIsNotADecimalNumber(String text) {
    assertThatThrownBy(() -> FlexibleNumbers.toDouble("perc_uptime", text))
        .isInstanceOf(MalformedRowException.class)
        .hasMessageContaining("perc_uptime");
  }

  @Test
  void refusesBooleansForNumbers() {
    assertThatThrownBy(() -> FlexibleNumbers.toLong("f", Boolean.TRUE))
        .isInstanceOf(MalformedRowException.class);
  }
}
