package dev.fleetwatch.flink.sales;

import static dev.fleetwatch.flink.sales.SalesFixtures.MINUTE;
import static dev.fleetwatch.flink.sales.SalesFixtures.OPTIONS;
import static dev.fleetwatch.flink.sales.SalesFixtures.T0;
import static dev.fleetwatch.flink.sales.SalesFixtures.purchaseJson;
import static dev.fleetwatch.flink.sales.SalesFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetwatch.flink.common.KafkaRecord;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkOutputMultiplexer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

/**
 * The purchase source's watermark over two partitions, combined as the Kafka source combines its
 * splits (smallest of the partitions' watermarks, idle ones left out).
 */
class PurchaseWatermarksTest {
  private final ManualClock clock = new ManualClock(1_000_000_000L);
  private final WatermarkStrategy<KafkaRecord> strategy = PurchaseWatermarks.strategy(OPTIONS);
  private final TimestampAssigner<KafkaRecord> assigner = strategy.createTimestampAssigner(null);
  private final Map<String, WatermarkGenerator<KafkaRecord>> partitions = new HashMap<>();
  private long combined = Long.MIN_VALUE;
  private final WatermarkOutputMultiplexer multiplexer = new WatermarkOutputMultiplexer(new WatermarkOutput() {
    @Override
    public void emitWatermark(Watermark watermark) {
      combined = watermark.getTimestamp();
    }

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}
  });

  private void expectPartitions(String... ids) {
    WatermarkGeneratorSupplier.Context context = new WatermarkGeneratorSupplier.Context() {
      @Override
      public MetricGroup getMetricGroup() {
        return new UnregisteredMetricsGroup();
      }

      @Override
      public RelativeClock getInputActivityClock() {
        return clock;
      }
    };
    for (String id : ids) {
      multiplexer.registerNewOutput(id);
      partitions.put(id, strategy.createWatermarkGenerator(context));
    }
  }

  private void read(String partition, Object timestamp) {
    KafkaRecord record = record("p", purchaseJson("store-a", "b1", "1", "10", timestamp));
    partitions.get(partition).onEvent(record, assigner.extractTimestamp(record, 0), multiplexer.getDeferredOutput(partition));
    emit();
  }

  private void emit() {
    partitions.forEach((id, generator) -> generator.onPeriodicEmit(multiplexer.getDeferredOutput(id)));
    multiplexer.onPeriodicEmit();
  }

  @Test
  void keepsTheWatermarkAtTheSlowestPartitionSoAPartitionReadAheadMakesNobodyLate() {
    expectPartitions("0", "1");
    read("0", T0 + 10 * MINUTE);
    assertEquals(Long.MIN_VALUE, combined);
    read("1", T0 + 1_000);
    assertEquals(T0 + 1_000, combined);
    read("1", T0 + 10 * MINUTE);
    assertEquals(T0 + 10 * MINUTE, combined);
  }

  @Test
  void stopsWaitingForASilentPartitionAfterTheIdleTime() {
    expectPartitions("0", "1");
    read("0", T0 + 1_000);
    clock.advanceTime(java.time.Duration.ofMillis(OPTIONS.idlePartitionMs() - 1_000));
    read("0", T0 + 2_000);
    assertEquals(Long.MIN_VALUE, combined);
    clock.advanceTime(java.time.Duration.ofMillis(2_000));
    read("0", T0 + 3_000);
    assertEquals(T0 + 3_000, combined);
  }

  @Test
  void anUnreadableOrImplausibleTimeNeverMovesTheWatermark() {
    expectPartitions("0");
    read("0", T0 + 1_000);
    read("0", "3026-01-01T00:00:00Z");
    read("0", "soon");
    assertEquals(T0 + 1_000, combined);
  }
}
