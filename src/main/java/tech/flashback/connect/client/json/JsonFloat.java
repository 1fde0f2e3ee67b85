package tech.flashback.connect.client.json;

/**
 * A JSON number with a fraction or exponent, kept as its literal text so that nothing is rounded
 * before the target type (int64, double, timestamp) is known.
 */
record JsonFloat(String text) {

  @Override
  public String toString() {
    return text;
  }
}
