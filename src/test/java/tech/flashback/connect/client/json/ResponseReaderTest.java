package tech.flashback.connect.client.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.client.model.Bucket;
import tech.flashback.connect.client.model.BucketTotals;
import tech.flashback.connect.client.model.MinuteStat;
import tech.flashback.connect.client.model.NodeDailyStat;
import tech.flashback.connect.client.model.RowProblem;

class ResponseReaderTest {

  private final ResponseReader reader = new ResponseReader();

  private <T> ParsedResponse<T> read(String json, String field, RowMapper<T> mapper)
      throws IOException {
    return reader.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), field, mapper);
  }

  @Test
  void readsBucketsWithoutEverHoldingTheirCredentials() throws Exception {
    String json =
        """
        {"success": true, "buckets": [{
          "id": "b-1", "name": "logs", "storageType": "S3", "bucket": "acme-logs",
          "key": "AKIA-SECRET-KEY", "secret": {"accessKeySecret": "VERY-SECRET"},
          "endpoint": "https://s3.amazonaws.com", "region": "us-east-1", "status": "ACTIVE",
          "lastStatusAt": "2019-08-24T14:15:22Z", "createdAt": "2019-08-24T14:15:22Z",
          "workspaceId": "workspace-123"}]}
        """;
    ParsedResponse<Bucket> parsed = read(json, "buckets", new BucketMapper());

    assertThat(parsed.success()).isTrue();
    assertThat(parsed.rows())
        .containsExactly(
            new Bucket(
                "b-1",
                "logs",
                "S3",
                "acme-logs",
                "https://s3.amazonaws.com",
                "us-east-1",
                "ACTIVE",
                Instant.parse("2019-08-24T14:15:22Z"),
                Instant.parse("2019-08-24T14:15:22Z"),
                "workspace-123"));
    assertThat(parsed.rows().toString()).doesNotContain("AKIA-SECRET-KEY", "VERY-SECRET");
  }

  @Test
  void reportsABadBucketRowWithoutCredentialsInTheRawJson() throws Exception {
    String json =
        """
        {"success": true, "buckets": [
          {"name": "no id", "key": "AKIA-SECRET-KEY", "secret": {"s": "VERY-SECRET"},
           "nested": {"key": "NESTED-SECRET", "keep": 1}},
          {"id": "b-2"}]}
        """;
    ParsedResponse<Bucket> parsed = read(json, "buckets", new BucketMapper());

    assertThat(parsed.rows()).extracting(Bucket::id).containsExactly("b-2");
    assertThat(parsed.problems()).hasSize(1);
    RowProblem problem = parsed.problems().get(0);
    assertThat(problem.reason()).isEqualTo("field 'id' is required but missing or null");
    assertThat(problem.rawJson())
        .isEqualTo("{\"name\":\"no id\",\"nested\":{\"keep\":1}}")
        .doesNotContain("SECRET");
  }

  @Test
  void readsTotalsSentAsStringsOrNumbersExactly() throws Exception {
    String json =
        """
        {"success": true, "stats": [
          {"bucketId": "b-1", "totalCount": "1250", "totalUploadBytes": "9007199254740993",
           "totalDownloadBytes": 536870912, "totalSizeChange": "-512"},
          {"bucketId": "b-2", "totalCount": 9007199254740993, "totalUploadBytes": null,
           "totalDownloadBytes": ""}]}
        """;
    ParsedResponse<BucketTotals> parsed = read(json, "stats", new BucketTotalsMapper());

    assertThat(parsed.rows())
        .containsExactly(
            new BucketTotals("b-1", 1250L, 9_007_199_254_740_993L, 536_870_912L, -512L),
            new BucketTotals("b-2", 9_007_199_254_740_993L, null, null, null));
  }

  @Test
  void reportsACounterBeyondInt64AsAProblemAndKeepsTheOtherRows() throws Exception {
    String json =
        """
        {"success": true, "stats": [
          {"bucketId": "b-1", "totalCount": "99999999999999999999999"},
          {"bucketId": "b-2", "totalCount": 99999999999999999999999},
          {"bucketId": "b-3", "totalCount": "7"}]}
        """;
    ParsedResponse<BucketTotals> parsed = read(json, "stats", new BucketTotalsMapper());

    assertThat(parsed.rows()).extracting(BucketTotals::bucketId).containsExactly("b-3");
    assertThat(parsed.problems())
        .extracting(RowProblem::bucketId, RowProblem::rawJson)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "b-1", "{\"bucketId\":\"b-1\",\"totalCount\":\"99999999999999999999999\"}"),
            org.assertj.core.groups.Tuple.tuple(
                "b-2", "{\"bucketId\":\"b-2\",\"totalCount\":99999999999999999999999}"));
  }

  @Test
  void reusesItsCaptureBufferAndRereadsARowFromItsOwnBytes() throws Exception {
    String large =
        "{\"success\": true, \"stats\": ["
            + "{\"bucketId\": \"b-0\", \"totalCount\": \"1\"},".repeat(2_000)
            + "{\"bucketId\": \"b-0\", \"totalCount\": \"1\"}]}";
    read(large, "stats", new BucketTotalsMapper());
    byte[] spare = reader.spareBuffer();

    ParsedResponse<BucketTotals> parsed =
        read(
            "{\"success\": true, \"stats\": [{\"bucketId\": \"b-9\", \"totalCount\": \"x\"}]}",
            "stats",
            new BucketTotalsMapper());

    assertThat(spare).isNotNull();
    assertThat(reader.spareBuffer()).isSameAs(spare);
    assertThat(parsed.problems())
        .extracting(RowProblem::rawJson)
        .containsExactly("{\"bucketId\":\"b-9\",\"totalCount\":\"x\"}");
  }

  @Test
  void keepsNoByteOfTheLastBodyInItsCaptureBuffer() throws Exception {
    read(
        """
        {"success": true, "buckets": [{"id": "b-1", "name": "logs", "key": "AKIA-SECRET-KEY",
          "secret": {"accessKeySecret": "VERY-SECRET"}}]}
        """,
        "buckets",
        new BucketMapper());

    assertThat(reader.spareBuffer()).isNotNull().containsOnly((byte) 0);
  }

  @Test
  void doesNotKeepACaptureBufferAHugeRowGrew() throws Exception {
    String huge = "x".repeat(200_000);
    read(
        "{\"stats\": [{\"bucketId\": \"b-1\", \"note\": \"" + huge + "\", \"totalCount\": 1}]}",
        "stats",
        new BucketTotalsMapper());

    assertThat(reader.spareBuffer()).isNull();
  }

  @Test
  void rowsShareTheStringsOfTheIdsTheRequestNamed() throws Exception {
    String asked = new String("b-1".toCharArray()); // not the literal the body's text could equal
    String json =
        """
        {"data": [
          {"timestamp": 1706745600000, "bucketId": "b-1", "host": "h"},
          {"timestamp": 1706745600000, "bucketId": "b-2", "host": "h"},
          {"timestamp": 1706745660000, "bucketId": "b-1", "host": "h"}]}
        """;
    ParsedResponse<MinuteStat> parsed =
        reader.read(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
            "data",
            new MinuteStatMapper(),
            List.of(asked));

    List<MinuteStat> rows = parsed.rows();
    assertThat(rows).extracting(MinuteStat::bucketId).containsExactly("b-1", "b-2", "b-1");
    assertThat(rows.get(0).bucketId()).isSameAs(asked);
    assertThat(rows.get(2).bucketId()).isSameAs(asked);
    assertThat(rows.get(0).timestamp()).isSameAs(rows.get(1).timestamp());
    assertThat(rows.get(0).host()).isSameAs(rows.get(2).host());
  }

  @Test
  void readsMinuteRowsInEveryEncodingAndIgnoresUnknownFields() throws Exception {
    String json =
        """
        {"data": [
          {"timestamp": 1706745600000, "repoId": "r", "bucketId": "b", "upl_bytes": 1024,
           "dwl_bytes": "2048", "size_change": -512, "latency_ms": 37, "host": "h", "extra": [1]},
          {"timestamp": "2024-02-01T02:01:00+02:00", "bucketId": "b", "upl_bytes": "1.0e1",
           "latency_ms": "12.5"},
          {"timestamp": 1706745720, "bucketId": "b"}], "success": "true", "page": {"n": 1}}
        """;
    ParsedResponse<MinuteStat> parsed = read(json, "data", new MinuteStatMapper());

    Instant minute = Instant.parse("2024-02-01T00:00:00Z");
    assertThat(parsed.success()).isTrue();
    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.rows())
        .containsExactly(
            new MinuteStat(minute, "b", "r", "h", 1024L, 2048L, -512L, 37.0),
            new MinuteStat(minute.plusSeconds(60), "b", null, null, 10L, null, null, 12.5),
            new MinuteStat(minute.plusSeconds(120), "b", null, null, null, null, null, null));
  }

  @Test
  void reportsEachBadMinuteRowWithItsReasonWhileTheRestParse() throws Exception {
    String json =
        """
        {"success": true, "data": [
          {"timestamp": 1706745600000, "bucketId": "b", "upl_bytes": "12x"},
          {"timestamp": "not-a-time", "bucketId": "b"},
          {"timestamp": 1706745600000},
          "a string instead of a row",
          {"timestamp": 1706745600000, "bucketId": "b", "upl_bytes": 5}]}
        """;
    ParsedResponse<MinuteStat> parsed = read(json, "data", new MinuteStatMapper());

    assertThat(parsed.rows()).extracting(MinuteStat::uploadBytes).containsExactly(5L);
    assertThat(parsed.problems())
        .extracting(RowProblem::reason)
        .containsExactly(
            "field 'upl_bytes': expected an integer, got \"12x\"",
            "field 'timestamp': expected a timestamp, got \"not-a-time\"",
            "field 'bucketId' is required but missing or null",
            "expected a JSON object as the row");
    assertThat(parsed.problems().get(3).rawJson()).isEqualTo("\"a string instead of a row\"");
  }

  @Test
  void readsNodeStatsForTheBucketAndDayAsked() throws Exception {
    String json =
        """
        {"success": true, "nodeStats": [{"ip": "192.168.1.100",
          "host": "n1-us-east-1-aws.flashback.tech", "perc_uptime": 99.5, "avg_latency_ms": 45,
          "version": "1.2.3", "node_status": "MAINTENANCE", "last_updated": "2024-01-15T10:30:00Z",
          "last_latency_ms": "42"}, {"perc_uptime": "high"}]}
        """;
    LocalDate day = LocalDate.parse("2024-01-15");
    ParsedResponse<NodeDailyStat> parsed =
        read(json, "nodeStats", new NodeDailyStatMapper("b-1", day));

    assertThat(parsed.rows())
        .containsExactly(
            new NodeDailyStat(
                "b-1",
                day,
                "192.168.1.100",
                "n1-us-east-1-aws.flashback.tech",
                99.5,
                45.0,
                "1.2.3",
                "MAINTENANCE",
                Instant.parse("2024-01-15T10:30:00Z"),
                42.0));
    assertThat(parsed.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.bucketId()).isEqualTo("b-1");
              assertThat(p.reason()).contains("'ip' or 'host'");
            });
  }

  @Test
  void reportsSuccessFalseWithTheServerMessage() throws Exception {
    ParsedResponse<MinuteStat> parsed =
        read("{\"success\": false, \"message\": \"bad day\"}", "data", new MinuteStatMapper());
    assertThat(parsed.success()).isFalse();
    assertThat(parsed.message()).isEqualTo("bad day");
    assertThat(parsed.dataPresent()).isFalse();
  }

  @Test
  void readsANullDataArrayAsNoRows() throws Exception {
    ParsedResponse<MinuteStat> parsed =
        read("{\"success\": true, \"data\": null}", "data", new MinuteStatMapper());
    assertThat(parsed.dataPresent()).isTrue();
    assertThat(parsed.rows()).isEmpty();
  }

  @Test
  void refusesBodiesThatAreNotTheEnvelope() {
    assertThatThrownBy(() -> read("", "data", new MinuteStatMapper()))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("empty body");
    assertThatThrownBy(() -> read("<html><body>502</body></html>", "data", new MinuteStatMapper()))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> read("[1, 2]", "data", new MinuteStatMapper()))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("expected a JSON object");
    assertThatThrownBy(() -> read("{\"data\": {\"a\": 1}}", "data", new MinuteStatMapper()))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("expected an array");
  }

  @Test
  void refusesTruncatedBodies() {
    assertThatThrownBy(
            () ->
                read(
                    "{\"success\": true, \"data\": [{\"timestamp\": 1706745600000, \"buck",
                    "data",
                    new MinuteStatMapper()))
        .isInstanceOf(MalformedResponseException.class);
    assertThatThrownBy(
            () -> read("{\"success\": true, \"data\": [", "data", new MinuteStatMapper()))
        .isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void refusesAnOversizedStringInsteadOfBufferingIt() {
    String huge = "x".repeat((1 << 20) + 1);
    assertThatThrownBy(
            () ->
                read(
                    "{\"data\": [{\"bucketId\": \"" + huge + "\"}]}",
                    "data",
                    new MinuteStatMapper()))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("String value length");
  }

  @Test
  void extractsTheMessageOfAnErrorBody() {
    assertThat(ResponseReader.errorMessage("{\"success\":false,\"message\":\"no\"}".getBytes()))
        .isEqualTo("no");
    assertThat(ResponseReader.errorMessage("{\"error\":\"quota\"}".getBytes())).isEqualTo("quota");
    assertThat(ResponseReader.errorMessage("<html>".getBytes())).isNull();
    assertThat(ResponseReader.errorMessage(new byte[0])).isNull();
  }
}
