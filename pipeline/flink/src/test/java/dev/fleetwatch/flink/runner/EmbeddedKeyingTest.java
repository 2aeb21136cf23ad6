package dev.fleetwatch.flink.runner;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.fleetwatch.flink.common.JobSettings;
import dev.fleetwatch.flink.snapshot.FleetSnapshotJob;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.apache.flink.streaming.runtime.partitioner.KeyGroupStreamPartitioner;
import org.apache.flink.streaming.runtime.partitioner.StreamPartitioner;
import org.junit.jupiter.api.Test;

/** The embedded runner's jobs at parallelism 1 skip the shuffle before a keyed step; the same job built for a cluster keeps it. */
class EmbeddedKeyingTest {
  private static StreamPartitioner<?> intoSnapshotBuckets(StreamExecutionEnvironment env) {
    new FleetSnapshotJob().build(env, new JobSettings(Map.of("KAFKA_BROKERS", "127.0.0.1:1")));
    StreamNode buckets = env.getStreamGraph().getStreamNodes().stream()
        .filter(node -> node.getOperatorName().equals("snapshots per bucket")).findFirst().orElseThrow();
    return buckets.getInEdges().get(0).getPartitioner();
  }

  @Test
  void onTheRunnerAtParallelismOneTheBucketsStepIsChainedToItsSource() {
    FlinkSettings flink = new FlinkSettings(8081, 9249, "/tmp/checkpoints", Duration.ofSeconds(10), 1);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(Checkpoints.jobConfiguration(flink, "fleet-snapshot"));
    assertInstanceOf(ForwardPartitioner.class, intoSnapshotBuckets(env));
  }

  @Test
  void builtForAClusterTheBucketsStepIsFedByKey() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    assertInstanceOf(KeyGroupStreamPartitioner.class, intoSnapshotBuckets(env));
  }
}
