package tech.flashback.connect.config;

import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.BUCKETS_TOPIC_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.BUCKET_TOTALS_TOPIC_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.ERROR_TOPIC_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.ERROR_TOPIC_SUFFIX;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.MINUTE_TOPIC_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.NODE_DAILY_TOPIC_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.STREAMS_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.TOPIC_PREFIX_CONFIG;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** How stream and error topic names follow from the prefix and the per-topic overrides. */
final class TopicNames {

  private TopicNames() {}

  /** The key that overrides a stream's topic. */
  static String overrideKey(StreamKind stream) {
    return switch (stream) {
      case BUCKETS -> BUCKETS_TOPIC_CONFIG;
      case BUCKET_TOTALS -> BUCKET_TOTALS_TOPIC_CONFIG;
      case NODE_DAILY -> NODE_DAILY_TOPIC_CONFIG;
      case MINUTE -> MINUTE_TOPIC_CONFIG;
    };
  }

  static String prefix(ParsedValues values) {
    Object prefix = values.raw(TOPIC_PREFIX_CONFIG);
    return prefix == null ? "" : prefix.toString();
  }

  static String topic(ParsedValues values, StreamKind stream) {
    String override = values.optionalString(overrideKey(stream));
    return override != null ? override : prefix(values) + stream.streamName();
  }

  static String errorTopic(ParsedValues values) {
    String override = values.optionalString(ERROR_TOPIC_CONFIG);
    return override != null ? override : prefix(values) + ERROR_TOPIC_SUFFIX;
  }

  static Set<StreamKind> enabledStreams(ParsedValues values) {
    Set<StreamKind> streams = EnumSet.noneOf(StreamKind.class);
    values.list(STREAMS_CONFIG).forEach(name -> streams.add(StreamKind.fromName(name)));
    return Collections.unmodifiableSet(streams);
  }
}
