package tech.flashback.connect.config;

import java.util.Arrays;
import java.util.List;

/** What a task does with an API row it cannot read. Nothing is ever dropped silently. */
public enum MalformedRowPolicy {
  /** Stop the task with an error naming the row's problem; the offset does not move past it. */
  FAIL("fail"),
  /** Log a WARN, count it in a metric, and go on. */
  SKIP("skip"),
  /** Send the raw JSON and the problem to the error topic, and go on. */
  ERROR_TOPIC("error-topic");

  private final String configValue;

  MalformedRowPolicy(String configValue) {
    this.configValue = configValue;
  }

  /** The value as written in {@code flashback.malformed.row.policy}. */
  public String configValue() {
    return configValue;
  }

  /** Every configuration value, in declaration order. */
  public static List<String> configValues() {
    return Arrays.stream(values()).map(MalformedRowPolicy::configValue).toList();
  }

  /**
   * The policy for a configuration value.
   *
   * @throws IllegalArgumentException naming the valid values, if there is no such policy
   */
  public static MalformedRowPolicy fromConfigValue(String value) {
    for (MalformedRowPolicy policy : values()) {
      if (policy.configValue.equals(value)) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        "unknown malformed-row policy '" + value + "'; valid policies are " + configValues());
  }

  @Override
  public String toString() {
    return configValue;
  }
}
