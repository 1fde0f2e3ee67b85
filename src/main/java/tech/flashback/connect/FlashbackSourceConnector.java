package tech.flashback.connect;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Function;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.flashback.connect.client.ApiClientSettings;
import tech.flashback.connect.client.FlashbackApiClient;
import tech.flashback.connect.client.OkHttpFlashbackApiClient;
import tech.flashback.connect.config.ConfigValidation;
import tech.flashback.connect.config.FlashbackSourceConnectorConfig;
import tech.flashback.connect.config.StreamKind;
import tech.flashback.connect.discovery.BucketDiscovery;
import tech.flashback.connect.discovery.BucketMonitor;
import tech.flashback.connect.discovery.TaskAssignments;
import tech.flashback.connect.offset.SourcePartition;
import tech.flashback.connect.offset.StoredOffsets;

/**
 * Streams Flashback storage statistics into Kafka: the bucket catalog, bucket totals, daily node
 * stats and minute usage, one topic each.
 *
 * <p>{@code start} begins bucket discovery in a monitor thread (or takes the configured id list);
 * {@code taskConfigs} splits whatever buckets are known over the tasks without waiting for the
 * network (before the first listing it throws, so Connect keeps the current tasks and asks again),
 * and the monitor asks for a reconfiguration when the set of buckets changes. Offsets are
 * deterministic functions of the API's data, so exactly-once delivery is supported.
 */
public class FlashbackSourceConnector extends SourceConnector {

  private static final Logger log = LoggerFactory.getLogger(FlashbackSourceConnector.class);

  /**
   * How long {@code taskConfigs} waits for the first listing: long enough for a listing that
   * answers, short enough not to hold a worker's herder thread (Confluent's JDBC source waits 10 s
   * for its first table list in the same way).
   */
  static final Duration FIRST_LISTING_WAIT = Duration.ofSeconds(10);

  private final Function<ApiClientSettings, FlashbackApiClient> clientFactory;
  private final Duration firstListingWait;
  private Map<String, String> props;
  private FlashbackSourceConnectorConfig config;
  private BucketDiscovery discovery;
  private BucketMonitor monitor;
  private FlashbackApiClient client;

  public FlashbackSourceConnector() {
    this(settings -> new OkHttpFlashbackApiClient(settings, Time.SYSTEM), FIRST_LISTING_WAIT);
  }

  FlashbackSourceConnector(
      Function<ApiClientSettings, FlashbackApiClient> clientFactory, Duration firstListingWait) {
    this.clientFactory = clientFactory;
    this.firstListingWait = firstListingWait;
  }

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    this.props = Map.copyOf(props);
    this.config = new FlashbackSourceConnectorConfig(props);
    this.client = clientFactory.apply(config.apiClientSettings());
    this.discovery = new BucketDiscovery(client, config.bucketSelection());
    if (discovery.needsListing()) {
      monitor = new BucketMonitor(discovery, context(), config.bucketRelistInterval().toMillis());
      monitor.start();
    }
    log.info("Flashback connector started, streams {}", config.enabledStreams());
  }

  @Override
  public Class<? extends Task> taskClass() {
    return FlashbackSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    Optional<SortedSet<String>> buckets =
        monitor == null
            ? Optional.of(discovery.discover())
            : monitor.awaitBuckets(firstListingWait);
    if (buckets.isEmpty()) {
      // Not an empty list: Connect would replace the running tasks (which know their buckets)
      // with none. An exception keeps them and makes Connect ask again (with backoff); the first
      // listing also asks for a reconfiguration.
      throw new RetriableException(
          "No Flashback bucket listing yet (the first one is still running or failed); the"
              + " connector's current tasks keep running and tasks are assigned once it completes");
    }
    return TaskAssignments.taskConfigs(
        props, buckets.get(), maxTasks, config.isEnabled(StreamKind.BUCKETS));
  }

  @Override
  public void stop() {
    if (monitor != null) {
      monitor.shutdown();
      monitor = null;
    }
    if (client != null) {
      client.close();
      client = null;
    }
  }

  @Override
  public ConfigDef config() {
    return FlashbackSourceConnectorConfig.CONFIG_DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return new ConfigValidation(clientFactory)
        .validate(connectorConfigs, super.validate(connectorConfigs));
  }

  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  /**
   * Checks offsets written through the offsets REST API before Connect stores them: each partition
   * must name a known stream (and a bucket where the stream has one), and each offset must have
   * that stream's format; a null offset resets the partition.
   */
  @Override
  public boolean alterOffsets(
      Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
    offsets.forEach(
        (partitionMap, offset) -> {
          SourcePartition partition;
          try {
            partition = SourcePartition.fromMap(partitionMap);
          } catch (IllegalArgumentException e) {
            throw new ConnectException(
                "Invalid Flashback source partition " + partitionMap + ": " + e.getMessage());
          }
          if (offset != null) {
            try {
              StoredOffsets.parse(partition, offset);
            } catch (IllegalArgumentException e) {
              throw new ConnectException(
                  "Invalid offset "
                      + offset
                      + " for partition "
                      + partitionMap
                      + ": "
                      + e.getMessage());
            }
          }
        });
    return true;
  }
}
