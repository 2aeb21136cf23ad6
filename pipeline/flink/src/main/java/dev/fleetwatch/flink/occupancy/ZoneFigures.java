package dev.fleetwatch.flink.occupancy;

import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KeyedRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Everything the job writes about one zone, keyed by zone: the 15-minute windows (distinct
 * badges and sightings; a partial row for what changed on every live tick, one final row once the
 * watermark passes the window's end), the live figure on a 10 s grid of event time, and the
 * capacity alert episode on it.
 *
 * <p>The live figure at grid point {@code t} is written when the watermark reaches {@code t} minus
 * the allowed lateness, that is when every partition has been read up to {@code t}: in a live
 * stream about as soon as {@code t} has passed. Being on event time, a replay after a restore
 * writes the same figures at the same points and evaluates the alerts on them alike.
 */
final class ZoneFigures extends KeyedProcessFunction<String, ZoneEvent, KeyedRecord> {
  static final String OCCUPANCY_TOPIC = "campus.zone-occupancy";
  static final String ALERTS_TOPIC = "campus.zone-alerts";
  private static final long BUCKET_MS = 60_000L;

  private final OccupancySettings settings;
  private transient ValueState<ZoneRef> zone;
  private transient MapState<Long, WindowCount> windows;
  /** {@code windowStart|badgeId}: the badges already counted in each open window. */
  private transient MapState<String, Boolean> windowBadges;
  /** Sightings per minute of event time, for the live figure's sightings. */
  private transient MapState<Long, Long> minuteSightings;
  private transient ValueState<Long> present;
  private transient ValueState<Long> nextTick;
  private transient ValueState<CapacityAlerts.Episode> episode;

  ZoneFigures(OccupancySettings settings) {
    this.settings = settings;
  }

  /** One zone's count in one open window. */
  public static class WindowCount {
    public long uniqueBadges;
    public long sightings;
    /** Changed since the last partial row. */
    public boolean dirty;

    public WindowCount() {}
  }

  @Override
  public void open(OpenContext openContext) {
    zone = getRuntimeContext().getState(new ValueStateDescriptor<>("zone", Types.POJO(ZoneRef.class)));
    windows = getRuntimeContext().getMapState(new MapStateDescriptor<>("windows", Types.LONG, Types.POJO(WindowCount.class)));
    windowBadges = getRuntimeContext().getMapState(new MapStateDescriptor<>("window-badges", Types.STRING, Types.BOOLEAN));
    minuteSightings = getRuntimeContext().getMapState(new MapStateDescriptor<>("minute-sightings", Types.LONG, Types.LONG));
    present = getRuntimeContext().getState(new ValueStateDescriptor<>("present", Types.LONG));
    nextTick = getRuntimeContext().getState(new ValueStateDescriptor<>("next-tick", Types.LONG));
    episode = getRuntimeContext().getState(new ValueStateDescriptor<>("episode", Types.POJO(CapacityAlerts.Episode.class)));
  }

  @Override
  public void processElement(ZoneEvent event, Context ctx, Collector<KeyedRecord> out) throws Exception {
    switch (event.kind) {
      case ZONE -> zone.update(event.zone());
      case SIGHTING -> count(event, ctx);
      case ENTER -> present.update(presentNow() + 1);
      case LEAVE -> present.update(presentNow() - 1);
      case PREVIOUS_ALERT -> {
        restoreEpisode(event);
        return;
      }
    }
    if (nextTick.value() == null) startTicking(ctx, event.kind == ZoneEvent.Kind.SIGHTING ? event.ts : Long.MIN_VALUE);
  }

  private void count(ZoneEvent sighting, Context ctx) throws Exception {
    zone.update(sighting.zone());
    long start = ZoneWindows.windowStartOf(sighting.ts);
    WindowCount window = windows.get(start);
    if (window == null) {
      window = new WindowCount();
      ctx.timerService().registerEventTimeTimer(start + ZoneWindows.WINDOW_MS);
    }
    String badge = start + "|" + sighting.badgeId;
    if (!windowBadges.contains(badge)) {
      windowBadges.put(badge, true);
      window.uniqueBadges += 1;
    }
    window.sightings += 1;
    window.dirty = true;
    windows.put(start, window);
    long minute = Math.floorDiv(sighting.ts, BUCKET_MS) * BUCKET_MS;
    Long inMinute = minuteSightings.get(minute);
    minuteSightings.put(minute, inMinute == null ? 1 : inMinute + 1);
  }

  /**
   * The first live tick: the next grid point after what the watermark says is now, or after the
   * first sighting when there is no watermark yet. A zone known only from the table waits for one.
   */
  private void startTicking(Context ctx, long sightingTime) throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    long now = watermark != Long.MIN_VALUE ? watermark + settings.allowedLatenessMs() : sightingTime;
    if (now == Long.MIN_VALUE) {
      ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + settings.liveEveryMs());
      return;
    }
    scheduleTick(ctx, (Math.floorDiv(now, settings.liveEveryMs()) + 1) * settings.liveEveryMs());
  }

  private void scheduleTick(Context ctx, long gridPoint) throws Exception {
    long timer = gridPoint - settings.allowedLatenessMs();
    nextTick.update(timer);
    ctx.timerService().registerEventTimeTimer(timer);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedRecord> out) throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      if (nextTick.value() == null) startTicking(ctx, Long.MIN_VALUE);
      return;
    }
    closeWindows(timestamp, out);
    Long tick = nextTick.value();
    if (tick == null || tick != timestamp) return;
    long gridPoint = timestamp + settings.allowedLatenessMs();
    writePartials(out);
    ZoneRef ref = zone.value();
    // A figure for a moment long past (a first run re-reading retention) is history, not news: no live row, no alert.
    if (ref != null && gridPoint > ctx.timerService().currentProcessingTime() - BadgePresence.LIVE_SPAN_MS) {
      OccupancyRow live = liveRow(ref, gridPoint);
      out.collect(new KeyedRecord(OCCUPANCY_TOPIC, live.key(), Json.write(live)));
      evaluateAlert(ref, live.uniqueBadges, gridPoint, ctx.timerService().currentProcessingTime(), out);
    }
    // End of input (a drained or bounded run): no more ticks, or they would run to the end of time.
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) nextTick.clear();
    else scheduleTick(ctx, gridPoint + settings.liveEveryMs());
  }

  /** The final row of each window the watermark closed, then its state is dropped. */
  private void closeWindows(long watermark, Collector<KeyedRecord> out) throws Exception {
    ZoneRef ref = zone.value();
    for (Long start : sortedWindows()) {
      if (start + ZoneWindows.WINDOW_MS > watermark) continue;
      WindowCount window = windows.get(start);
      out.collect(windowRecord(ref, start, window, true));
      windows.remove(start);
      String prefix = start + "|";
      Iterator<Map.Entry<String, Boolean>> badges = windowBadges.iterator();
      while (badges.hasNext()) if (badges.next().getKey().startsWith(prefix)) badges.remove();
    }
  }

  private void writePartials(Collector<KeyedRecord> out) throws Exception {
    ZoneRef ref = zone.value();
    for (Long start : sortedWindows()) {
      WindowCount window = windows.get(start);
      if (!window.dirty) continue;
      out.collect(windowRecord(ref, start, window, false));
      window.dirty = false;
      windows.put(start, window);
    }
  }

  private List<Long> sortedWindows() throws Exception {
    List<Long> starts = new ArrayList<>();
    windows.keys().forEach(starts::add);
    starts.sort(null);
    return starts;
  }

  private static KeyedRecord windowRecord(ZoneRef ref, long start, WindowCount window, boolean isFinal) {
    OccupancyRow row = OccupancyRow.of(ref, start, start + ZoneWindows.WINDOW_MS, "15m", window.uniqueBadges, window.sightings, isFinal);
    return new KeyedRecord(OCCUPANCY_TOPIC, row.key(), Json.write(row));
  }

  /** Badges whose latest sighting in the last 15 minutes was here, and this zone's sightings in those minutes. */
  private OccupancyRow liveRow(ZoneRef ref, long now) throws Exception {
    long since = now - BadgePresence.LIVE_SPAN_MS;
    long firstMinute = Math.floorDiv(since, BUCKET_MS) * BUCKET_MS;
    long sightings = 0;
    Iterator<Map.Entry<Long, Long>> minutes = minuteSightings.iterator();
    while (minutes.hasNext()) {
      Map.Entry<Long, Long> minute = minutes.next();
      if (minute.getKey() < firstMinute) minutes.remove();
      else sightings += minute.getValue();
    }
    return OccupancyRow.of(ref, since, now, "live", Math.max(0, presentNow()), sightings, false);
  }

  private void evaluateAlert(ZoneRef ref, long count, long gridPoint, long now, Collector<KeyedRecord> out) throws Exception {
    CapacityAlerts.Outcome outcome = CapacityAlerts.evaluate(settings, ref, count, episode.value(), gridPoint, now);
    if (outcome.episode() == null) episode.clear();
    else episode.update(outcome.episode());
    if (outcome.alert() != null) out.collect(new KeyedRecord(ALERTS_TOPIC, outcome.alert().alertId, Json.write(outcome.alert())));
  }

  /**
   * An episode still firing when the job last ran without this state (a new deployment, a lost
   * checkpoint) continues, and clears under its own id, instead of staying open in the inbox forever.
   */
  private void restoreEpisode(ZoneEvent previous) throws Exception {
    CapacityAlerts.Episode open = episode.value();
    if (!previous.cleared && open == null) {
      CapacityAlerts.Episode restored = new CapacityAlerts.Episode();
      restored.alertId = previous.alertId;
      restored.startedAt = previous.ts;
      restored.severity = previous.severity;
      episode.update(restored);
    } else if (previous.cleared && open != null && open.alertId.equals(previous.alertId)) {
      episode.clear();
    }
  }

  private long presentNow() throws Exception {
    Long value = present.value();
    return value == null ? 0 : value;
  }
}
