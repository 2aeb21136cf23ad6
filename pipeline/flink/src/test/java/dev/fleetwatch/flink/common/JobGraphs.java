package dev.fleetwatch.flink.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;

/** A job as the runner finds and builds it: listed for ServiceLoader under its name, every stateful step under a stable uid. */
public final class JobGraphs {
  private JobGraphs() {}

  /** Finds the job {@code name}, checks its group and dead-letter topic, builds it and checks each of {@code uids} is in its graph. */
  public static void assertBuildsWithUids(String name, List<String> uids) {
    StreamJob job = find(name);
    assertEquals("processor." + name, job.groupId());
    assertEquals("dlq." + name, job.deadLetterTopic());
    StreamExecutionEnvironment env = built(name);
    Set<String> found = env.getStreamGraph().getStreamNodes().stream().map(StreamNode::getTransformationUID).filter(uid -> uid != null).collect(Collectors.toSet());
    for (String uid : uids) assertTrue(found.stream().anyMatch(candidate -> candidate.startsWith(uid)), uid + " in " + found);
  }

  /** The job {@code name} built into a fresh environment, as the runner builds it. */
  public static StreamExecutionEnvironment built(String name) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    find(name).build(env, new JobSettings(Map.of("KAFKA_BROKERS", "127.0.0.1:1")));
    return env;
  }

  private static StreamJob find(String name) {
    return ServiceLoader.load(StreamJob.class).stream().map(ServiceLoader.Provider::get)
        .filter(candidate -> candidate.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " is not listed in META-INF/services"));
  }
}
