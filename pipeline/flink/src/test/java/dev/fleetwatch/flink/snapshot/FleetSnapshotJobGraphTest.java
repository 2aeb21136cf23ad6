package dev.fleetwatch.flink.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetwatch.flink.common.JobSettings;
import dev.fleetwatch.flink.common.StreamJob;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The job as the runner finds and builds it: listed for ServiceLoader, every stateful step under a stable uid. */
class FleetSnapshotJobGraphTest {
  @Test
  void isFoundByNameAndBuildsItsGraphWithStableUidsForCheckpoints() {
    StreamJob job = ServiceLoader.load(StreamJob.class).stream().map(ServiceLoader.Provider::get)
        .filter(candidate -> candidate.name().equals("fleet-snapshot")).findFirst().orElseThrow();
    assertEquals("processor.fleet-snapshot", job.groupId());
    assertEquals("dlq.fleet-snapshot", job.deadLetterTopic());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    job.build(env, new JobSettings(Map.of("KAFKA_BROKERS", "127.0.0.1:1")));
    StreamGraph graph = env.getStreamGraph();
    Set<String> uids = graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).filter(uid -> uid != null).collect(Collectors.toSet());
    for (String uid : List.of("fleet-snapshot-source-vehicle-state", "fleet-snapshot-read", "fleet-snapshot-buckets", "fleet-snapshot-sink", "fleet-snapshot-dlq-sink")) {
      assertTrue(uids.stream().anyMatch(found -> found.startsWith(uid)), uid + " in " + uids);
    }
  }
}
