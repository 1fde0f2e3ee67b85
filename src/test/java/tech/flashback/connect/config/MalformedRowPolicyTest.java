package tech.flashback.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MalformedRowPolicyTest {

  @Test
  void configValuesAreLowerCaseAndHyphenated() {
    assertThat(MalformedRowPolicy.configValues()).containsExactly("fail", "skip", "error-topic");
  }

  @Test
  void fromConfigValueFindsEveryPolicy() {
    assertThat(MalformedRowPolicy.fromConfigValue("fail")).isEqualTo(MalformedRowPolicy.FAIL);
    assertThat(MalformedRowPolicy.fromConfigValue("skip")).isEqualTo(MalformedRowPolicy.SKIP);
    assertThat(MalformedRowPolicy.fromConfigValue("error-topic"))
        .isEqualTo(MalformedRowPolicy.ERROR_TOPIC);
  }

  @Test
  void fromConfigValueRejectsAnUnknownValueAndListsTheValidOnes() {
    assertThatThrownBy(() -> MalformedRowPolicy.fromConfigValue("ERROR_TOPIC"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[fail, skip, error-topic]");
  }
}
