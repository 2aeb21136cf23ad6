package dev.fleetwatch.flink.common;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/** How the fleet's jobs key a stream by vehicle or bucket. */
public final class Keying {
  private Keying() {}

  /**
   * {@code stream.keyBy(key)}, except where one subtask runs the stream and the keyed step (the
   * embedded runner's default, FLINK_PARALLELISM=1): that subtask holds every key group, so the
   * stream already is partitioned by key. There it is taken as keyed as it stands, and a one-input
   * keyed step runs chained to its input instead of behind a shuffle that serializes every record
   * (10,000 a second at 10,000 vehicles). Any other parallelism shuffles by key, as keyBy does.
   */
  public static <T, K> KeyedStream<T, K> byKey(DataStream<T> stream, KeySelector<T, K> key, TypeInformation<K> keyType) {
    boolean oneSubtask = stream.getParallelism() == 1 && stream.getExecutionEnvironment().getParallelism() == 1;
    return oneSubtask ? DataStreamUtils.reinterpretAsKeyedStream(stream, key, keyType) : stream.keyBy(key, keyType);
  }
}
