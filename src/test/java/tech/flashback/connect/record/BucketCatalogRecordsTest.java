package tech.flashback.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.record.RecordAssertions.OFFSET;
import static tech.flashback.connect.record.RecordAssertions.PARTITION;
import static tech.flashback.connect.record.RecordAssertions.assertPassedThrough;
import static tech.flashback.connect.record.RecordAssertions.assertStreamHeader;
import static tech.flashback.connect.record.RecordAssertions.assertValid;
import static tech.flashback.connect.record.RecordAssertions.key;
import static tech.flashback.connect.record.RecordAssertions.value;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.client.model.Bucket;

class BucketCatalogRecordsTest {

  private static final String TOPIC = "flashback.buckets";
  private static final Instant OBSERVED = Instant.parse("2024-03-01T12:00:00Z");
  private static final Instant LAST_STATUS = Instant.parse("2019-08-24T14:15:22Z");
  private static final Instant CREATED = Instant.parse("2019-08-01T09:00:00Z");

  private static Bucket fullBucket() {
    return new Bucket(
        "b-1",
        "Primary",
        "S3",
        "prod-data",
        "https://s3.us-east-1.amazonaws.com",
        "us-east-1",
        "ACTIVE",
        LAST_STATUS,
        CREATED,
        "workspace-123");
  }

  private static SourceRecord convert(Bucket bucket) {
    return BucketCatalogRecords.toRecord(PARTITION, OFFSET, TOPIC, bucket, OBSERVED);
  }

  @Test
  void schemasKeyTheBucketAndDescribeItWithoutCredentials() {
    Schema value = BucketCatalogSchemas.VALUE_SCHEMA;

    assertThat(BucketCatalogSchemas.KEY_SCHEMA.fields())
        .extracting(Field::name)
        .containsExactly("bucket_id");
    assertThat(value.fields())
        .extracting(Field::name)
        .containsExactly(
            "bucket_id",
            "name",
            "storage_type",
            "bucket_name",
            "endpoint",
            "region",
            "status",
            "last_status_at",
            "created_at",
            "workspace_id");
    assertThat(value.field("bucket_id").schema().isOptional()).isFalse();
    assertThat(value.field("last_status_at").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(value.field("created_at").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(value.fields())
        .extracting(field -> field.name().toLowerCase(Locale.ROOT))
        .noneMatch(name -> name.matches(".*(key|secret|password|token|credential).*"));
  }

  @Test
  void mapsAFullBucketExactly() {
    SourceRecord record = convert(fullBucket());

    assertValid(record, BucketCatalogSchemas.KEY_SCHEMA, BucketCatalogSchemas.VALUE_SCHEMA);
    Struct value = value(record);
    assertThat(value.getString("bucket_id")).isEqualTo("b-1");
    assertThat(value.getString("name")).isEqualTo("Primary");
    assertThat(value.getString("storage_type")).isEqualTo("S3");
    assertThat(value.getString("bucket_name")).isEqualTo("prod-data");
    assertThat(value.getString("endpoint")).isEqualTo("https://s3.us-east-1.amazonaws.com");
    assertThat(value.getString("region")).isEqualTo("us-east-1");
    assertThat(value.getString("status")).isEqualTo("ACTIVE");
    assertThat(value.get("last_status_at")).isEqualTo(Date.from(LAST_STATUS));
    assertThat(value.get("created_at")).isEqualTo(Date.from(CREATED));
    assertThat(value.getString("workspace_id")).isEqualTo("workspace-123");
    assertThat(key(record).getString("bucket_id")).isEqualTo("b-1");
  }

  @Test
  void keepsEveryAbsentAttributeNull() {
    SourceRecord record =
        convert(new Bucket("b-1", null, null, null, null, null, null, null, null, null));

    assertValid(record, BucketCatalogSchemas.KEY_SCHEMA, BucketCatalogSchemas.VALUE_SCHEMA);
    Struct value = value(record);
    for (Field field : BucketCatalogSchemas.VALUE_SCHEMA.fields()) {
      if (!field.name().equals("bucket_id")) {
        assertThat(value.get(field)).as(field.name()).isNull();
      }
    }
  }

  @Test
  void putsOnlyTheModelledFieldsIntoTheRecord() {
    SourceRecord record = convert(fullBucket());

    assertThat(value(record).toString())
        .isEqualTo(
            "Struct{bucket_id=b-1,name=Primary,storage_type=S3,bucket_name=prod-data,"
                + "endpoint=https://s3.us-east-1.amazonaws.com,region=us-east-1,status=ACTIVE,"
                + "last_status_at="
                + Date.from(LAST_STATUS)
                + ",created_at="
                + Date.from(CREATED)
                + ",workspace_id=workspace-123}");
    assertThat(key(record).toString()).isEqualTo("Struct{bucket_id=b-1}");
    assertThat(record.toString()).doesNotContainIgnoringCase("secret");
  }

  @Test
  void bucketModelStillHasNoCredentialComponents() {
    List<String> components =
        Arrays.stream(Bucket.class.getRecordComponents()).map(RecordComponent::getName).toList();

    assertThat(components)
        .containsExactly(
            "id",
            "name",
            "storageType",
            "bucketName",
            "endpoint",
            "region",
            "status",
            "lastStatusAt",
            "createdAt",
            "workspaceId");
  }

  @Test
  void usesTheObservationTimeAsRecordTimestampAndNamesTheStreamInAHeader() {
    SourceRecord record = convert(fullBucket());

    assertThat(record.timestamp()).isEqualTo(OBSERVED.toEpochMilli());
    assertPassedThrough(record, TOPIC);
    assertStreamHeader(record, "buckets");
  }

  @Test
  void marksADisappearedBucketWithATombstoneUnderTheSameKey() {
    SourceRecord listed = convert(fullBucket());

    SourceRecord tombstone =
        BucketCatalogRecords.tombstone(PARTITION, OFFSET, TOPIC, "b-1", OBSERVED.plusSeconds(60));

    assertValid(tombstone, BucketCatalogSchemas.KEY_SCHEMA, null);
    assertThat(tombstone.key()).isEqualTo(listed.key());
    assertThat(tombstone.value()).isNull();
    assertThat(tombstone.valueSchema()).isNull();
    assertThat(tombstone.timestamp()).isEqualTo(OBSERVED.plusSeconds(60).toEpochMilli());
    assertPassedThrough(tombstone, TOPIC);
    assertStreamHeader(tombstone, "buckets");
  }

  @Test
  void givesEachBucketItsOwnKey() {
    Bucket other =
        new Bucket("b-2", "Primary", "S3", "prod-data", null, null, null, null, null, null);

    assertThat(key(convert(fullBucket()))).isNotEqualTo(key(convert(other)));
  }
}
