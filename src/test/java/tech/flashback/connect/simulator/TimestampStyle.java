package tech.flashback.connect.simulator;

/** How a minute row's {@code timestamp} is rendered when encodings vary. */
public enum TimestampStyle {
  EPOCH_MILLIS,
  EPOCH_SECONDS,
  ISO_UTC,
  ISO_OFFSET
}
