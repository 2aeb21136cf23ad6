package dev.fleetwatch.flink.common;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One of the product's stream jobs. Each is found by {@link java.util.ServiceLoader} (listed in
 * META-INF/services), so the embedded runner and a cluster submission start the same class by name.
 */
public interface StreamJob {
  /** The job's name: its consumer group is {@code processor.<name>}, its dead letters go to {@code dlq.<name>}. */
  String name();

  /** Adds the job's sources, operators and sinks to {@code env}. */
  void build(StreamExecutionEnvironment env, JobSettings settings);

  default String groupId() {
    return "processor." + name();
  }

  default String deadLetterTopic() {
    return "dlq." + name();
  }
}
