package tech.flashback.connect.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/** Building blocks shared by the schemas of every stream, and the value conversions they need. */
final class SchemaSupport {

  /** The namespace of every schema name; a valid Avro namespace. */
  static final String NAMESPACE = "tech.flashback.connect";

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private SchemaSupport() {}

  /** {@code tech.flashback.connect.<simpleName>}. */
  static String schemaName(String simpleName) {
    return NAMESPACE + "." + simpleName;
  }

  /** A named, versioned, documented struct; required (a record's null value is a tombstone). */
  static SchemaBuilder struct(String name, int version, String doc) {
    return SchemaBuilder.struct().name(name).version(version).doc(doc);
  }

  static Schema requiredString(String doc) {
    return SchemaBuilder.string().doc(doc).build();
  }

  static Schema optionalString(String doc) {
    return SchemaBuilder.string().optional().doc(doc).build();
  }

  static Schema optionalInt64(String doc) {
    return SchemaBuilder.int64().optional().doc(doc).build();
  }

  static Schema optionalFloat64(String doc) {
    return SchemaBuilder.float64().optional().doc(doc).build();
  }

  static Schema requiredTimestamp(String doc) {
    return Timestamp.builder().doc(doc).build();
  }

  static Schema optionalTimestamp(String doc) {
    return Timestamp.builder().optional().doc(doc).build();
  }

  static Schema requiredDate(String doc) {
    return org.apache.kafka.connect.data.Date.builder().doc(doc).build();
  }

  /** The Connect {@code Timestamp} value of an instant; {@code null} stays {@code null}. */
  static Date timestamp(Instant instant) {
    return instant == null ? null : new Date(instant.toEpochMilli());
  }

  /** A day's UTC midnight in epoch milliseconds: the value behind a Connect {@code Date}. */
  static long utcMidnightMillis(LocalDate day) {
    return Math.multiplyExact(day.toEpochDay(), MILLIS_PER_DAY);
  }

  /** A key part: key fields are required, so an absent value becomes the empty string. */
  static String keyPart(String value) {
    return value == null ? "" : value;
  }
}
