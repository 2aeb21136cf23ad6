package dev.fleetwatch.flink.snapshot;

import dev.fleetwatch.flink.common.KeyedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by bucket: the newest fix of each of the bucket's vehicles, written as a snapshot at every
 * multiple {@code T} of the interval once the watermark passes it. Snapshot {@code T} holds, per
 * vehicle, the fix with the newest {@code ts} among the records whose Kafka timestamp is at most
 * {@code T} (lib/contracts/fleet.ts fleetSnapshotSchema).
 *
 * <p>A record newer than the watermark waits in {@code pending} under its boundary (the first
 * multiple at or after its timestamp; per vehicle and boundary only the fix that would win is
 * kept) and joins the snapshot when that boundary's timer fires; a record at or below the watermark
 * (late) joins at once and shows from the next snapshot on. After each snapshot the next one is
 * due one interval later while the bucket holds vehicles, so a bucket whose vehicles went quiet is
 * still written at every boundary. Only when event time jumps more than {@link #QUIET_FILL}
 * intervals at once (the input paused and resumed) does a quiet bucket skip to the last of them:
 * a week's pause must not write a week of identical snapshots.
 */
public class BucketSnapshots extends KeyedProcessFunction<Integer, VehicleFix, KeyedRecord> {
  public static final String OUTPUT_TOPIC = "fleet.snapshots";
  /** Vehicles per record: 250 states of about 400 bytes stay far below Kafka's 1 MB message limit. */
  static final int VEHICLES_PER_CHUNK = 250;
  /** Boundaries a quiet bucket is still written at when event time jumps past many at once. */
  static final int QUIET_FILL = 6;

  private final SnapshotSettings settings;
  /** The bucket's snapshot: vehicleId → its winning fix so far. */
  private transient MapState<String, VehicleFix> vehicles;
  /** {@code <boundary>/<vehicleId>} → the winning fix among the vehicle's records waiting for that boundary. */
  private transient MapState<String, VehicleFix> pending;

  public BucketSnapshots(SnapshotSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext context) {
    vehicles = getRuntimeContext().getMapState(new MapStateDescriptor<>("vehicles", Types.STRING, Types.POJO(VehicleFix.class)));
    pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.STRING, Types.POJO(VehicleFix.class)));
  }

  @Override
  public void processElement(VehicleFix fix, Context ctx, Collector<KeyedRecord> out) throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    if (fix.receivedAt <= watermark) {
      apply(fix);
      // A bucket whose first vehicle arrives late is due at the next boundary, like any other.
      if (watermark < Long.MAX_VALUE) ctx.timerService().registerEventTimeTimer(settings.boundaryAtOrAfter(watermark + 1));
      return;
    }
    long boundary = settings.boundaryAtOrAfter(fix.receivedAt);
    String key = boundary + "/" + fix.vehicleId;
    VehicleFix waiting = pending.get(key);
    if (fix.replaces(waiting)) {
      fix.follow(waiting);
      pending.put(key, fix);
    }
    ctx.timerService().registerEventTimeTimer(boundary);
  }

  @Override
  public void onTimer(long at, OnTimerContext ctx, Collector<KeyedRecord> out) throws Exception {
    if (settings.boundaryAtOrBefore(at) != at) {
      // A timer of a checkpoint taken with another FLEET_SNAPSHOT_INTERVAL_S: snapshots stay on the grid.
      ctx.timerService().registerEventTimeTimer(settings.boundaryAtOrAfter(at));
      return;
    }
    applyPendingUpTo(at);
    if (emit(at, ctx.getCurrentKey(), out)) scheduleAfter(at, ctx.timerService());
  }

  private void apply(VehicleFix fix) throws Exception {
    VehicleFix current = vehicles.get(fix.vehicleId);
    if (!fix.replaces(current)) return;
    fix.joinAfter(current);
    vehicles.put(fix.vehicleId, fix);
  }

  private void applyPendingUpTo(long at) throws Exception {
    List<String> due = new ArrayList<>();
    List<VehicleFix> fixes = new ArrayList<>();
    for (Map.Entry<String, VehicleFix> waiting : pending.entries()) {
      if (waiting.getValue().receivedAt <= at) {
        due.add(waiting.getKey());
        fixes.add(waiting.getValue());
      }
    }
    // In Kafka's order, as the replay folds: a vehicle's still-position run goes on from boundary to boundary.
    fixes.sort(Comparator.comparingLong(fix -> fix.receivedAt));
    for (VehicleFix fix : fixes) apply(fix);
    for (String key : due) pending.remove(key);
  }

  /**
   * Writes the bucket's snapshot at {@code at}, dropping vehicles past retention; false when it holds
   * none. A vehicle restored from a checkpoint taken with another FLEET_SNAPSHOT_BUCKETS is dropped
   * too: it belongs to another bucket now, and joins that one with its next fix.
   */
  private boolean emit(long at, int bucket, Collector<KeyedRecord> out) throws Exception {
    long oldest = at - settings.retentionMs();
    List<VehicleFix> kept = new ArrayList<>();
    List<String> expired = new ArrayList<>();
    for (Map.Entry<String, VehicleFix> vehicle : vehicles.entries()) {
      if (vehicle.getValue().receivedAt < oldest || settings.bucketOf(vehicle.getKey()) != bucket) expired.add(vehicle.getKey());
      else kept.add(vehicle.getValue());
    }
    for (String vehicleId : expired) vehicles.remove(vehicleId);
    if (kept.isEmpty()) return false;
    // The same vehicles in the same chunks every time: a snapshot written again after a restore is the same records.
    kept.sort(Comparator.comparing(fix -> fix.vehicleId));
    int chunks = (kept.size() + VEHICLES_PER_CHUNK - 1) / VEHICLES_PER_CHUNK;
    for (int chunk = 0; chunk < chunks; chunk++) {
      List<VehicleFix> part = kept.subList(chunk * VEHICLES_PER_CHUNK, Math.min(kept.size(), (chunk + 1) * VEHICLES_PER_CHUNK));
      out.collect(new KeyedRecord(OUTPUT_TOPIC, String.valueOf(bucket), chunkJson(at, bucket, chunk, chunks, part)));
    }
    return true;
  }

  /** The record's value, concatenated around each state's JSON as read: nothing is parsed or serialised again. */
  private String chunkJson(long at, int bucket, int chunk, int chunks, List<VehicleFix> part) {
    int length = 96;
    for (VehicleFix fix : part) length += fix.state.length + 90;
    StringBuilder json = new StringBuilder(length)
        .append("{\"at\":").append(at)
        .append(",\"bucket\":").append(bucket)
        .append(",\"buckets\":").append(settings.buckets())
        .append(",\"chunk\":").append(chunk)
        .append(",\"chunks\":").append(chunks)
        .append(",\"vehicles\":[");
    for (int i = 0; i < part.size(); i++) {
      if (i > 0) json.append(',');
      VehicleFix fix = part.get(i);
      json.append("{\"receivedAt\":").append(fix.receivedAt)
          .append(",\"positionSince\":").append(fix.positionSince)
          .append(",\"movedWhileStill\":").append(fix.movedWhileStill)
          .append(",\"state\":").append(new String(fix.state, StandardCharsets.UTF_8)).append('}');
    }
    return json.append("]}").toString();
  }

  /**
   * The bucket's next snapshot: the next boundary (one interval on; the next multiple of the interval
   * after a restore with another FLEET_SNAPSHOT_INTERVAL_S), or, when event time already jumped far
   * past that, the last {@link #QUIET_FILL} boundaries before the watermark.
   */
  private void scheduleAfter(long at, TimerService timers) {
    long watermark = timers.currentWatermark();
    if (watermark == Long.MAX_VALUE) return; // the input ended: no later snapshot can be complete
    long next = Math.max(settings.boundaryAtOrAfter(at + 1), settings.boundaryAtOrBefore(watermark) - (QUIET_FILL - 1) * settings.intervalMs());
    timers.registerEventTimeTimer(next);
  }
}
