package dev.fleetwatch.flink.occupancy;

import dev.fleetwatch.flink.common.DeadLetter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sighting → zone, keyed by sensor, with the zones table broadcast to every instance. A sighting
 * from a sensor in no zone waits (the zone may still be loading), then goes to the dead letters as
 * {@code unknown-sensor}; one for a 15-minute window already final goes there as {@code too-late},
 * one more than an hour ahead of the clock and the stream as {@code future-timestamp}.
 */
final class SensorJoin extends KeyedBroadcastProcessFunction<String, Sighting, Zone, ZoneEvent> {
  static final MapStateDescriptor<String, Zone> ZONES = new MapStateDescriptor<>("zones", Types.STRING, Types.POJO(Zone.class));
  /** Bounds what one sensor holds, because a misconfigured sensor never resolves. */
  static final int MAX_PENDING_PER_SENSOR = 1_000;

  private static final ListStateDescriptor<Pending> PENDING = new ListStateDescriptor<>("pending", Types.POJO(Pending.class));

  private final OccupancySettings settings;
  /** Sensor → zone, rebuilt from the broadcast table when it changes (not state: derived from it). */
  private transient Map<String, ZoneRef> index;

  SensorJoin(OccupancySettings settings) {
    this.settings = settings;
  }

  /** A sighting held for its sensor's zone, and until when. */
  public static class Pending {
    public Sighting sighting;
    public long deadline;

    public Pending() {}

    Pending(Sighting sighting, long deadline) {
      this.sighting = sighting;
      this.deadline = deadline;
    }
  }

  @Override
  public void processElement(Sighting sighting, ReadOnlyContext ctx, Collector<ZoneEvent> out) throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    long watermark = ctx.timerService().currentWatermark();
    long newest = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark + settings.allowedLatenessMs();
    if (sighting.ts > Math.max(now, newest) + EventClock.MAX_AHEAD_MS) {
      ctx.output(DeadLetter.TAG, new DeadLetter(sighting.source, "future-timestamp: sighting at " + Iso.format(sighting.ts) + " is more than an hour ahead"));
      return;
    }
    ZoneRef zone = index(ctx.getBroadcastState(ZONES)).get(sighting.sensorId);
    if (zone != null) {
      count(sighting, zone, watermark, out, letter -> ctx.output(DeadLetter.TAG, letter));
      return;
    }
    ListState<Pending> pending = getRuntimeContext().getListState(PENDING);
    List<Pending> held = new ArrayList<>();
    pending.get().forEach(held::add);
    if (held.size() >= MAX_PENDING_PER_SENSOR) {
      ctx.output(DeadLetter.TAG, unknownSensor(sighting));
      return;
    }
    long deadline = now + settings.unknownSensorWaitMs();
    pending.add(new Pending(sighting, deadline));
    ctx.timerService().registerProcessingTimeTimer(deadline);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ZoneEvent> out) throws Exception {
    Map<String, ZoneRef> zones = index(ctx.getBroadcastState(ZONES));
    ListState<Pending> pending = getRuntimeContext().getListState(PENDING);
    List<Pending> waiting = new ArrayList<>();
    for (Pending item : pending.get()) {
      ZoneRef zone = zones.get(item.sighting.sensorId);
      if (zone != null) count(item.sighting, zone, ctx.timerService().currentWatermark(), out, letter -> ctx.output(DeadLetter.TAG, letter));
      else if (item.deadline <= timestamp) ctx.output(DeadLetter.TAG, unknownSensor(item.sighting));
      else waiting.add(item);
    }
    pending.update(waiting);
  }

  @Override
  public void processBroadcastElement(Zone zone, Context ctx, Collector<ZoneEvent> out) throws Exception {
    BroadcastState<String, Zone> zones = ctx.getBroadcastState(ZONES);
    zones.put(zone.zoneId, zone);
    index = null;
    Map<String, ZoneRef> sensors = index(zones);
    long watermark = ctx.currentWatermark();
    // Sightings held for a sensor of this zone count now rather than at their deadline.
    ctx.applyToKeyedState(PENDING, (sensorId, pending) -> {
      ZoneRef resolved = sensors.get(sensorId);
      if (resolved == null) return;
      for (Pending item : pending.get()) count(item.sighting, resolved, watermark, out, letter -> ctx.output(DeadLetter.TAG, letter));
      pending.clear();
    });
    // The zone operator learns of every zone, so a zone without sightings still reads 0.
    out.collect(ZoneEvent.of(ZoneEvent.Kind.ZONE, zone.ref(), null, 0));
  }

  private void count(Sighting sighting, ZoneRef zone, long watermark, Collector<ZoneEvent> out, Consumer<DeadLetter> deadLetters) {
    if (ZoneWindows.isTooLate(sighting.ts, watermark)) {
      deadLetters.accept(new DeadLetter(sighting.source,
          "too-late: sighting at " + Iso.format(sighting.ts) + " belongs to a 15-minute window already reported as final"));
      return;
    }
    out.collect(ZoneEvent.of(ZoneEvent.Kind.SIGHTING, zone, sighting.badgeId, sighting.ts));
  }

  private static DeadLetter unknownSensor(Sighting sighting) {
    return new DeadLetter(sighting.source, "unknown-sensor: sensor " + sighting.sensorId + " is in no zone of " + OccupancyJob.ZONES_TOPIC);
  }

  /**
   * A sensor listed by two zones is a mistake in the table; the zone first in id order gets it,
   * so every instance and every run resolves it the same way.
   */
  private Map<String, ZoneRef> index(ReadOnlyBroadcastState<String, Zone> zones) throws Exception {
    if (index != null) return index;
    List<Zone> sorted = new ArrayList<>();
    zones.immutableEntries().forEach(entry -> sorted.add(entry.getValue()));
    sorted.sort(Comparator.comparing(zone -> zone.zoneId));
    Map<String, ZoneRef> built = new HashMap<>();
    for (Zone zone : sorted) Arrays.stream(zone.sensors).forEach(sensor -> built.putIfAbsent(sensor, zone.ref()));
    index = built;
    return built;
  }
}
