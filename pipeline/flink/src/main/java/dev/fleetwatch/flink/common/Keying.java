package dev.fleetwatch.flink.common;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/** How the fleet's jobs key a stream by vehicle or bucket. */
public final class Keying {
  /**
   * Set by the embedded runner only: there a job's parallelism is what it was built with for its
   * whole life. A cluster may rescale a built job (an autoscaler's per-vertex overrides), which
   * would split a stream that was taken as keyed by Kafka partition instead of by key.
   */
  public static final ConfigOption<Boolean> FIXED_PARALLELISM = ConfigOptions.key("fleetwatch.fixed-parallelism")
      .booleanType()
      .defaultValue(false)
      .withDescription("The job runs at the parallelism it was built with, never rescaled (the embedded runner).");

  private Keying() {}

  /**
   * {@code stream.keyBy(key)}, except where one subtask runs the stream and the keyed step for
   * good (the embedded runner at its default FLINK_PARALLELISM=1): that subtask holds every key
   * group, so the stream already is partitioned by key. There it is taken as keyed as it stands,
   * and a one-input keyed step runs chained to its input instead of behind a shuffle that
   * serializes every record (10,000 a second at 10,000 vehicles). Anywhere else it shuffles by key.
   */
  public static <T, K> KeyedStream<T, K> byKey(DataStream<T> stream, KeySelector<T, K> key, TypeInformation<K> keyType) {
    boolean oneSubtaskForGood = stream.getExecutionEnvironment().getConfiguration().get(FIXED_PARALLELISM)
        && stream.getParallelism() == 1 && stream.getExecutionEnvironment().getParallelism() == 1;
    return oneSubtaskForGood ? DataStreamUtils.reinterpretAsKeyedStream(stream, key, keyType) : stream.keyBy(key, keyType);
  }
}
