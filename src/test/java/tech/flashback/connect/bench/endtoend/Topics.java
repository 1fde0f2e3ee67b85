package tech.flashback.connect.bench.endtoend;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** The few topic operations the benchmarks need, through an admin client. */
public final class Topics {

  private final Admin admin;

  public Topics(Admin admin) {
    this.admin = admin;
  }

  /** Creates a topic, replication factor 1, with {@code configs}. */
  public void create(String topic, int partitions, Map<String, String> configs)
      throws ExecutionException, InterruptedException {
    admin
        .createTopics(
            java.util.List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
        .all()
        .get();
  }

  public void delete(String topic) throws ExecutionException, InterruptedException {
    admin.deleteTopics(java.util.List.of(topic)).all().get();
  }

  /**
   * Records written to the topic: the sum of its partitions' end offsets (exact while nothing is
   * transactional; retention does not lower it).
   */
  public long endOffsetSum(String topic, int partitions)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> latest =
        IntStream.range(0, partitions)
            .mapToObj(p -> new TopicPartition(topic, p))
            .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get().values().stream()
        .mapToLong(info -> info.offset())
        .sum();
  }
}
