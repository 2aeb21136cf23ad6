package dev.fleetwatch.flink.occupancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkOutputMultiplexer;
import org.junit.jupiter.api.Test;

/**
 * The sightings' event clock (event-clock.test.ts). One clock runs per partition; the source
 * takes the smallest of the active ones, as Flink's multiplexer does here.
 */
class EventClockTest {
  static final long T = Instant.parse("2026-03-02T12:00:00Z").toEpochMilli();

  private final AtomicLong wall = new AtomicLong(T);
  private final Combined combined = new Combined();
  private final WatermarkOutputMultiplexer multiplexer = new WatermarkOutputMultiplexer(combined);

  /** What the source would send on: the combined watermark, and whether every partition is idle. */
  static final class Combined implements WatermarkOutput {
    long watermark = Long.MIN_VALUE;
    boolean idle;

    @Override
    public void emitWatermark(Watermark watermark) {
      this.watermark = watermark.getTimestamp();
      idle = false;
    }

    @Override
    public void markIdle() {
      idle = true;
    }

    @Override
    public void markActive() {
      idle = false;
    }
  }

  private EventClock partition(String id, long latenessMs) {
    multiplexer.registerNewOutput(id);
    return new EventClock(latenessMs, 30_000, wall::get, wall::get);
  }

  private void observe(EventClock clock, String id, long eventTime) {
    clock.onEvent(null, eventTime, multiplexer.getDeferredOutput(id));
  }

  private long watermarkAt(long now, Object... clocksAndIds) {
    wall.set(now);
    for (int i = 0; i < clocksAndIds.length; i += 2) ((EventClock) clocksAndIds[i]).onPeriodicEmit(multiplexer.getDeferredOutput((String) clocksAndIds[i + 1]));
    multiplexer.onPeriodicEmit();
    return combined.watermark;
  }

  @Test
  void holdsTheWatermarkAtTheSlowestActivePartitionMinusTheLateness() {
    EventClock p0 = partition("0", 60_000);
    EventClock p1 = partition("1", 60_000);
    observe(p0, "0", T + 600_000);
    observe(p1, "1", T + 100_000);
    assertEquals(T + 40_000, watermarkAt(T, p0, "0", p1, "1"));
  }

  @Test
  void waitsForAPartitionUntilItReportsOrGoesIdle() {
    EventClock p0 = partition("0", 0);
    EventClock p1 = partition("1", 0);
    observe(p0, "0", T);
    assertEquals(Long.MIN_VALUE, watermarkAt(T + 1_000, p0, "0", p1, "1"));
    assertTrue(watermarkAt(T + 31_000, p0, "0", p1, "1") >= T);
  }

  @Test
  void letsEventTimeRunOnAtWallSpeedWhenEveryPartitionIsQuietAndNeverGoesBack() {
    EventClock p0 = partition("0", 60_000);
    observe(p0, "0", T);
    assertEquals(T + 19 * 60_000, watermarkAt(T + 20 * 60_000, p0, "0"));
    observe(p0, "0", T + 60_000);
    assertEquals(T + 19 * 60_000, watermarkAt(T + 20 * 60_000, p0, "0"));
  }

  @Test
  void ignoresASightingFromABrokenSensorClockAndOneWithoutATime() {
    EventClock p0 = partition("0", 0);
    observe(p0, "0", T);
    observe(p0, "0", T + EventClock.MAX_AHEAD_MS + 1);
    observe(p0, "0", Long.MIN_VALUE);
    assertEquals(T, watermarkAt(T, p0, "0"));
  }
}
