package tech.flashback.connect.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What to do with an API row that cannot be read. */
public enum MalformedRowPolicy {
  /** Stop the task with a message naming the row and the problem. */
  FAIL("fail"),
  /** Log a warning, count it in a metric, and go on. */
  SKIP("skip"),
  /** Send the raw row and the problem to the error topic, and go on. */
  ERROR_TOPIC("error-topic");

  private final String configValue;

  MalformedRowPolicy(String configValue) {
    this.configValue = configValue;
  }

  public String configValue() {
    return configValue;
  }

  public static MalformedRowPolicy fromConfigValue(String value) {
    for (MalformedRowPolicy policy : values()) {
      if (policy.configValue.equals(value)) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        "unknown malformed-row policy '"
            + value
            + "'; expected one of "
            + Arrays.stream(values())
                .map(MalformedRowPolicy::configValue)
                .collect(Collectors.joining(", ")));
  }
}
