package dev.fleetwatch.flink.occupancy;

import dev.fleetwatch.flink.common.KafkaRecord;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of one partition of the sighting stream (one per Kafka partition: Flink's per-split
 * watermarks take the smallest, so a partition read ahead of the others, catching up after a
 * restore, cannot make their sightings late). The watermark is the partition's newest event time
 * minus the allowed lateness. A partition silent for {@code idlePartitionMs} lets event time run
 * on at wall speed from its last sighting, so the last window still closes and the live figure
 * still ages out badges when the sensors go quiet; a partition that never had a sighting is idle
 * and holds nothing back. Never moves backwards.
 */
final class EventClock implements WatermarkGenerator<KafkaRecord> {
  /** A sighting this far ahead of both the wall clock and the stream is a sensor with a broken clock. */
  static final long MAX_AHEAD_MS = 60 * 60_000L;

  private final long allowedLatenessMs;
  private final long idlePartitionMs;
  private final LongSupplier wallClock;
  private final LongSupplier activityClock;
  private final long createdAt;
  private long newest = Long.MIN_VALUE;
  private long lastSeenAt;
  private long mark = Long.MIN_VALUE;

  /**
   * @param wallClock epoch milliseconds, to tell a broken sensor clock
   * @param activityClock milliseconds on Flink's input activity clock, which stands still while the source is held back
   */
  EventClock(long allowedLatenessMs, long idlePartitionMs, LongSupplier wallClock, LongSupplier activityClock) {
    this.allowedLatenessMs = allowedLatenessMs;
    this.idlePartitionMs = idlePartitionMs;
    this.wallClock = wallClock;
    this.activityClock = activityClock;
    this.createdAt = activityClock.getAsLong();
  }

  /** The sightings' watermark strategy: event time from each record's {@code ts}, one clock per partition. */
  static WatermarkStrategy<KafkaRecord> strategy(OccupancySettings settings) {
    return WatermarkStrategy.<KafkaRecord>forGenerator(context ->
            new EventClock(settings.allowedLatenessMs(), settings.idlePartitionMs(), System::currentTimeMillis, context.getInputActivityClock()::relativeTimeMillis))
        .withTimestampAssigner((record, kafkaTimestamp) -> {
          Long ts = CampusContracts.sightingTime(record);
          // A record without a valid ts is rejected after parsing; it must not move event time.
          return ts == null ? Long.MIN_VALUE : ts;
        });
  }

  @Override
  public void onEvent(KafkaRecord record, long eventTime, WatermarkOutput output) {
    if (eventTime == Long.MIN_VALUE) return;
    // A broken sensor clock must not close every open window: that sighting is rejected later.
    if (eventTime > Math.max(wallClock.getAsLong(), newest) + MAX_AHEAD_MS) return;
    newest = Math.max(newest, eventTime);
    lastSeenAt = activityClock.getAsLong();
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    long now = activityClock.getAsLong();
    if (newest == Long.MIN_VALUE) {
      if (now - createdAt >= idlePartitionMs) output.markIdle();
      return;
    }
    long quietFor = now - lastSeenAt;
    long candidate = (quietFor < idlePartitionMs ? newest : newest + quietFor) - allowedLatenessMs;
    mark = Math.max(mark, candidate);
    output.emitWatermark(new Watermark(mark));
  }
}
