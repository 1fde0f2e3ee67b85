package tech.flashback.connect.client.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.client.model.RowProblem;

/**
 * The mappers' direct reads ({@link RowMapper#read}) against their reference ({@link RowMapper#map}
 * over a {@link RawRow}): over thousands of rows in every encoding the lenient rules accept or
 * refuse, both give the same rows and the same problems, with the same reasons and the same raw
 * JSON, also when the body arrives a few bytes at a time.
 */
class DirectReadingTest {

  private static final long SEED = 20261121L;
  private static final int ROWS = 3_000;

  private final ResponseReader reader = new ResponseReader();

  @Test
  void minuteRowsReadDirectlyEqualTheReferenceMapping() throws IOException {
    assertSameAsReference(
        body("data", DirectReadingTest::minuteRow), "data", new MinuteStatMapper());
  }

  @Test
  void nodeRowsReadDirectlyEqualTheReferenceMapping() throws IOException {
    assertSameAsReference(
        body("nodeStats", DirectReadingTest::nodeRow),
        "nodeStats",
        new NodeDailyStatMapper("b-1", LocalDate.parse("2024-01-15")));
  }

  @Test
  void totalsRowsReadDirectlyEqualTheReferenceMapping() throws IOException {
    assertSameAsReference(
        body("stats", DirectReadingTest::totalsRow), "stats", new BucketTotalsMapper());
  }

  @Test
  void commonTimestampTextReadsAsTheFormatterReadsIt() throws MalformedRowException {
    Random random = new Random(SEED);
    List<String> texts = new ArrayList<>(EDGE_TIMESTAMPS);
    for (int i = 0; i < 20_000; i++) {
      texts.add(isoText(random));
    }
    int common = 0;
    for (String text : texts) {
      char[] chars = ("xx" + text + "yy").toCharArray();
      var direct = FlexibleTimestamps.fromCommonText(chars, 2, text.length());
      if (direct != null) {
        common++;
        assertThat(direct).as(text).isEqualTo(FlexibleTimestamps.toInstant("t", (Object) text));
      }
    }
    assertThat(common).as("texts taking the short path").isGreaterThan(texts.size() / 2);
  }

  private static final List<String> EDGE_TIMESTAMPS =
      List.of(
          "2024-02-29T23:59:59Z",
          "2023-02-29T10:00:00Z",
          "2024-01-15T24:00:00Z",
          "2024-01-15T10:30:60Z",
          "2024-01-15t10:30:00z",
          "2024-01-15T10:30Z",
          "2024-01-15T10:30:00.Z",
          "2024-01-15T10:30:00.1234567891Z",
          "2024-01-15T10:30:00-00:00",
          "2024-01-15T10:30:00+17:59",
          "2024-01-15T10:30:00+18:00",
          "2024-01-15T10:30:00+05:30:15",
          "2024-01-15T10:30:00+0530",
          "0000-01-01T00:00:00Z",
          "+2024-01-15T10:30:00Z",
          " 2024-01-15T10:30:00Z",
          "2024-01-15T10:30:00Z ",
          "2024-1-15T10:30:00Z",
          "1706745600000",
          "1706745600",
          "-1706745600",
          "+1706745600",
          "-",
          "000000000000000001",
          "9999999999999999999");

  private static String isoText(Random random) {
    String date =
        String.format(
            "%04d-%02d-%02d", random.nextInt(3000), 1 + random.nextInt(13), random.nextInt(33));
    String time =
        String.format("%02d:%02d:%02d", random.nextInt(25), random.nextInt(61), random.nextInt(61));
    String fraction =
        switch (random.nextInt(4)) {
          case 0 -> "";
          case 1 -> "." + (100 + random.nextInt(900));
          case 2 -> "." + String.format("%09d", random.nextInt(1_000_000_000));
          default -> "." + random.nextInt(10);
        };
    String zone =
        switch (random.nextInt(5)) {
          case 0 -> "";
          case 1 -> "Z";
          case 2 -> String.format("+%02d:%02d", random.nextInt(19), random.nextInt(60));
          case 3 -> String.format("-%02d:%02d", random.nextInt(19), random.nextInt(60));
          default -> "+00:00";
        };
    return date + (random.nextInt(5) == 0 ? ' ' : 'T') + time + fraction + zone;
  }

  private <T> void assertSameAsReference(String json, String field, RowMapper<T> mapper)
      throws IOException {
    RowMapper<T> reference =
        new RowMapper<>() {
          @Override
          public T map(RawRow row) throws MalformedRowException {
            return mapper.map(row);
          }

          @Override
          public String bucketIdOf(RawRow row) {
            return mapper.bucketIdOf(row);
          }
        };
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ParsedResponse<T> expected = reader.read(new ByteArrayInputStream(bytes), field, reference);
    ParsedResponse<T> direct = reader.read(new ByteArrayInputStream(bytes), field, mapper);
    ParsedResponse<T> trickled = reader.read(new Trickle(bytes), field, mapper);

    assertThat(expected.rows()).hasSizeGreaterThan(ROWS / 5);
    assertThat(expected.problems()).hasSizeGreaterThan(ROWS / 20);
    for (ParsedResponse<T> actual : List.of(direct, trickled)) {
      assertThat(actual.rows()).isEqualTo(expected.rows());
      assertThat(actual.problems())
          .extracting(RowProblem::bucketId, RowProblem::rawJson, RowProblem::reason)
          .isEqualTo(
              expected.problems().stream()
                  .map(
                      p ->
                          org.assertj.core.groups.Tuple.tuple(
                              p.bucketId(), p.rawJson(), p.reason()))
                  .toList());
    }
  }

  /** Hands the body over a few bytes at a time, as a slow network does. */
  private static final class Trickle extends FilterInputStream {
    private final Random random = new Random(SEED);

    Trickle(byte[] bytes) {
      super(new ByteArrayInputStream(bytes));
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(40)));
    }
  }

  private interface RowWriter {
    String row(Random random, int index);
  }

  private static String body(String field, RowWriter writer) {
    Random random = new Random(SEED);
    StringBuilder json = new StringBuilder("{\"success\": true, \"x\": [1, {\"a\": \"b\"}], ");
    json.append('"').append(field).append("\": [");
    for (int i = 0; i < ROWS; i++) {
      json.append(i == 0 ? "" : ",").append(i % 97 == 0 ? "\"not a row\"" : writer.row(random, i));
    }
    return json.append("], \"message\": \"ok\"}").toString();
  }

  private static String minuteRow(Random random, int index) {
    List<String> fields = new ArrayList<>();
    fields.add(q("timestamp") + timestamp(random, 1706745600000L + index * 60_000L));
    maybe(random, fields, "repoId", text(random, "repo-" + index % 7));
    maybe(random, fields, "bucketId", text(random, "b-" + index % 13));
    maybe(random, fields, "upl_bytes", integer(random, index * 1024L));
    maybe(random, fields, "dwl_bytes", integer(random, -index));
    maybe(random, fields, "size_change", integer(random, index));
    maybe(random, fields, "latency_ms", decimal(random, index / 7.0));
    maybe(random, fields, "host", text(random, "h" + index % 3));
    return object(random, fields);
  }

  private static String nodeRow(Random random, int index) {
    List<String> fields = new ArrayList<>();
    maybe(random, fields, "ip", text(random, "10.0.0." + index));
    maybe(random, fields, "host", text(random, "n" + index + ".example"));
    maybe(random, fields, "perc_uptime", decimal(random, 99.5 - index % 10));
    maybe(random, fields, "avg_latency_ms", integer(random, index % 300));
    maybe(random, fields, "version", text(random, "1.2." + index % 3));
    maybe(random, fields, "node_status", text(random, "ONLINE"));
    fields.add(q("last_updated") + timestamp(random, 1705314600000L + index * 1000L));
    maybe(random, fields, "last_latency_ms", decimal(random, index % 50));
    return object(random, fields);
  }

  private static String totalsRow(Random random, int index) {
    List<String> fields = new ArrayList<>();
    maybe(random, fields, "bucketId", text(random, "b-" + index));
    maybe(random, fields, "totalCount", integer(random, index * 3L));
    maybe(random, fields, "totalUploadBytes", integer(random, 9_007_199_254_740_993L + index));
    maybe(random, fields, "totalDownloadBytes", integer(random, index));
    maybe(random, fields, "totalSizeChange", integer(random, -index));
    return object(random, fields);
  }

  /** The fields in a shuffled order now and then, with duplicates, unknowns and credentials. */
  private static String object(Random random, List<String> fields) {
    if (random.nextInt(10) == 0) {
      java.util.Collections.shuffle(fields, random);
    }
    if (random.nextInt(15) == 0 && !fields.isEmpty()) {
      fields.add(fields.get(random.nextInt(fields.size()))); // a duplicate: the last one wins
    }
    if (random.nextInt(8) == 0) {
      fields.add(random.nextInt(fields.size() + 1), "\"extra\": {\"key\": \"SECRET\", \"n\": [1]}");
    }
    if (random.nextInt(20) == 0) {
      fields.add("\"secret\": \"SECRET\"");
    }
    return "{" + String.join(", ", fields) + "}";
  }

  private static void maybe(Random random, List<String> fields, String name, String value) {
    if (random.nextInt(25) != 0) {
      fields.add(q(name) + value);
    }
  }

  private static String q(String name) {
    return "\"" + name + "\": ";
  }

  private static String text(Random random, String value) {
    return switch (random.nextInt(40)) {
      case 0 -> "null";
      case 1 -> "\"\"";
      case 2 -> "\"  \"";
      case 3 -> "42";
      case 4 -> "1.5e3";
      case 5 -> "true";
      case 6 -> "{\"k\": 1}";
      case 7 -> "\"caf\\u00e9 " + value + "\"";
      default -> "\"" + value + "\"";
    };
  }

  private static String integer(Random random, long value) {
    return switch (random.nextInt(30)) {
      case 0 -> "null";
      case 1 -> "\"\"";
      case 2 -> "\" " + value + " \"";
      case 3 -> "\"" + value + ".0\"";
      case 4 -> value + ".0";
      case 5 -> "1.5";
      case 6 -> "\"12x\"";
      case 7 -> "99999999999999999999999";
      case 8 -> "\"99999999999999999999999\"";
      case 9 -> "\"+" + Math.abs(value) + "\"";
      case 10 -> "\"1e3\"";
      case 11 -> "[1]";
      case 12 -> "false";
      default -> random.nextBoolean() ? Long.toString(value) : "\"" + value + "\"";
    };
  }

  private static String decimal(Random random, double value) {
    return switch (random.nextInt(25)) {
      case 0 -> "null";
      case 1 -> "\"high\"";
      case 2 -> "1e999";
      case 3 -> "\"" + value + "\"";
      case 4 -> "12345678901234567890123";
      case 5 -> "\"\"";
      case 6 -> "0.1e1";
      default -> random.nextBoolean() ? Double.toString(value) : Long.toString((long) value);
    };
  }

  private static String timestamp(Random random, long millis) {
    java.time.Instant instant = java.time.Instant.ofEpochMilli(millis);
    return switch (random.nextInt(16)) {
      case 0 -> Long.toString(millis / 1000);
      case 1 -> "\"" + millis + "\"";
      case 2 -> "\"" + instant + "\"";
      case 3 -> "\"" + instant.atOffset(java.time.ZoneOffset.ofHoursMinutes(5, 30)) + "\"";
      case 4 -> "\"" + instant.toString().replace('T', ' ').replace("Z", "") + "\"";
      case 5 -> "\"not-a-time\"";
      case 6 -> "null";
      case 7 -> (millis / 1000) + ".25";
      case 8 -> "\"2024-02-30T00:00:00Z\"";
      case 9 -> "\"" + instant.toString().toLowerCase(java.util.Locale.ROOT) + "\"";
      case 10 -> "\"2024-01-15\"";
      case 11 -> "99999999999999999999999";
      default -> Long.toString(millis);
    };
  }
}
