package dev.fleetwatch.flink.sales;

import dev.fleetwatch.flink.common.KafkaRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of the {@code purchase} source, generated per Kafka partition (the source combines
 * them by taking the smallest): a partition's watermark is its newest believable event time, and a
 * partition silent for the idle time stops holding the others back. Purchases are keyed by purchase
 * id, so one store's sales spread over every partition; this is what keeps a partition read ahead
 * (catching up) from making the others' purchases late.
 */
public final class PurchaseWatermarks {
  private PurchaseWatermarks() {}

  public static WatermarkStrategy<KafkaRecord> strategy(SalesOptions options) {
    return WatermarkStrategy.<KafkaRecord>forGenerator(context -> new NewestEventTime())
        // Unreadable or implausible times give Long.MIN_VALUE: they never move the watermark.
        .withTimestampAssigner((record, kafkaTimestamp) -> PurchaseParser.eventTimeOrMin(record, System.currentTimeMillis()))
        .withIdleness(Duration.ofMillis(options.idlePartitionMs()));
  }

  /** Lateness is judged by the windows against {@code SALES_ALLOWED_LATENESS_S}, so no out-of-orderness bound here. */
  static final class NewestEventTime implements WatermarkGenerator<KafkaRecord> {
    private long newest = Long.MIN_VALUE;

    @Override
    public void onEvent(KafkaRecord event, long eventTimestamp, WatermarkOutput output) {
      newest = Math.max(newest, eventTimestamp);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      if (newest != Long.MIN_VALUE) output.emitWatermark(new Watermark(newest));
    }
  }

  /**
   * The bookstore and book tables carry no event time: their input is idle for good, so the join's
   * watermark is the purchases' alone. (A "no limit" watermark would do the same while purchases
   * flow, but the moment they paused for the idle time the join would pass "no limit" on and close
   * every minute for ever.)
   */
  public static WatermarkStrategy<KafkaRecord> tables() {
    return WatermarkStrategy.forGenerator(context -> new WatermarkGenerator<KafkaRecord>() {
      @Override
      public void onEvent(KafkaRecord event, long eventTimestamp, WatermarkOutput output) {}

      @Override
      public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
      }
    });
  }
}
