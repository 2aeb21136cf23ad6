package dev.fleetwatch.flink.occupancy;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Where each badge is now, keyed by badge: the zone of its latest sighting within the last 15
 * minutes of event time. A person who walked from the hall to the cafeteria counts once, in the
 * cafeteria: the badge leaves one zone and enters the other, and the zone operators add these up.
 * Keyed by badge, so this holds at any parallelism while the zones are keyed apart.
 */
final class BadgePresence extends KeyedProcessFunction<String, ZoneEvent, ZoneEvent> {
  /** The live figure looks this far back: someone not seen for 15 minutes has left or gone quiet. */
  static final long LIVE_SPAN_MS = 15 * 60_000L;

  private final long allowedLatenessMs;
  private transient ValueState<ZoneEvent> latest;

  BadgePresence(OccupancySettings settings) {
    this.allowedLatenessMs = settings.allowedLatenessMs();
  }

  @Override
  public void open(OpenContext openContext) {
    latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", Types.POJO(ZoneEvent.class)));
  }

  @Override
  public void processElement(ZoneEvent sighting, Context ctx, Collector<ZoneEvent> out) throws Exception {
    ZoneEvent previous = latest.value();
    // Out-of-order input: an older sighting never moves a badge back to where it was.
    if (previous != null && sighting.ts < previous.ts) return;
    // Already older than the live span: it would age out at once.
    if (expiryTimer(sighting.ts) <= ctx.timerService().currentWatermark()) return;
    if (previous != null) ctx.timerService().deleteEventTimeTimer(expiryTimer(previous.ts));
    if (previous == null || !previous.zoneId.equals(sighting.zoneId)) {
      if (previous != null) out.collect(ZoneEvent.of(ZoneEvent.Kind.LEAVE, previous.zone(), sighting.badgeId, sighting.ts));
      out.collect(ZoneEvent.of(ZoneEvent.Kind.ENTER, sighting.zone(), sighting.badgeId, sighting.ts));
    }
    latest.update(sighting);
    ctx.timerService().registerEventTimeTimer(expiryTimer(sighting.ts));
  }

  /** Not seen for the live span: the badge leaves its zone. */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ZoneEvent> out) throws Exception {
    ZoneEvent previous = latest.value();
    if (previous == null || expiryTimer(previous.ts) != timestamp) return;
    out.collect(ZoneEvent.of(ZoneEvent.Kind.LEAVE, previous.zone(), previous.badgeId, timestamp));
    latest.clear();
  }

  /**
   * The live figure at event time {@code t} is taken when the watermark reaches {@code t} minus
   * the lateness (see {@link ZoneFigures}); a badge last seen at {@code ts} is gone from it once
   * {@code ts <= t - span}.
   */
  private long expiryTimer(long ts) {
    return ts + LIVE_SPAN_MS - allowedLatenessMs;
  }
}
