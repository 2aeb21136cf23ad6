package dev.fleetwatch.flink.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.apache.flink.streaming.runtime.partitioner.KeyGroupStreamPartitioner;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** One subtask that holds every key for good shuffles nothing; anything else shuffles by key. */
class KeyingTest {
  @Test
  void onTheEmbeddedRunnerAtParallelismOneTheKeyedStepTakesItsInputAsItStands() {
    assertInstanceOf(ForwardPartitioner.class, edgeIntoKeyedStep(1, true).getPartitioner());
  }

  @Test
  void onTheEmbeddedRunnerAtParallelismTwoRecordsAreShuffledByKey() {
    assertInstanceOf(KeyGroupStreamPartitioner.class, edgeIntoKeyedStep(2, true).getPartitioner());
  }

  @Test
  void onAClusterThatMayRescaleTheJobRecordsAreShuffledByKeyEvenAtOne() {
    assertInstanceOf(KeyGroupStreamPartitioner.class, edgeIntoKeyedStep(1, false).getPartitioner());
  }

  private static StreamEdge edgeIntoKeyedStep(int parallelism, boolean fixedParallelism) {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    if (fixedParallelism) conf.set(Keying.FIXED_PARALLELISM, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    Keying.byKey(env.fromData("cab-1", "cab-2", "tanker-1").map(id -> id).name("ids"), id -> id, Types.STRING)
        .process(new KeyedProcessFunction<String, String, String>() {
          @Override
          public void processElement(String id, Context ctx, Collector<String> out) {
            out.collect(id);
          }
        }).name("keyed");
    StreamGraph graph = env.getStreamGraph();
    StreamNode keyed = graph.getStreamNodes().stream().filter(node -> node.getOperatorName().equals("keyed")).findFirst().orElseThrow();
    assertEquals(1, keyed.getInEdges().size());
    return keyed.getInEdges().get(0);
  }
}
