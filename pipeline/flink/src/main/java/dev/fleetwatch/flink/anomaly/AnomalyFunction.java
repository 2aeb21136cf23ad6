package dev.fleetwatch.flink.anomaly;

import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KeyedRecord;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The detector, keyed by vehicle: input 1 is the vehicle's readings, input 2 its own earlier
 * alerts (read once at start). Each vehicle's readings are held and judged in its own event time
 * (its newest reading minus the allowed lateness); a vehicle that goes quiet has what it holds
 * judged after the allowed lateness in processing time, as the Node processor's tick did.
 *
 * <p>No reading is judged before the earlier alerts are read: the operator's watermark stays at
 * its minimum until the bounded alerts input has ended (and the readings' own watermark has
 * started), so an episode firing at the last stop continues under its id instead of firing anew.
 */
public class AnomalyFunction extends KeyedCoProcessFunction<String, ParsedReading, AnomalyAlert, KeyedRecord> {
  public static final String OUTPUT_TOPIC = "fleet.anomalies";
  /** Quiet-vehicle checks are rounded to this grid, so a busy vehicle keeps one timer per slot, not one per reading. */
  private static final long TIMER_GRID_MS = 100;

  private final AnomalySettings settings;
  private transient ValueState<VehicleTrack> tracks;

  public AnomalyFunction(AnomalySettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext context) {
    tracks = getRuntimeContext().getState(new ValueStateDescriptor<>("vehicle-track", TypeInformation.of(VehicleTrack.class)));
  }

  @Override
  public void processElement1(ParsedReading parsed, Context ctx, Collector<KeyedRecord> out) throws Exception {
    VehicleTrack track = current();
    long now = ctx.timerService().currentProcessingTime();
    String late = track.add(parsed.reading, now);
    if (late != null) ctx.output(DeadLetter.TAG, new DeadLetter(parsed.raw, late));
    if (ready(ctx)) emit(track.releaseDue(settings), out);
    if (track.hasPending()) ctx.timerService().registerProcessingTimeTimer(onGrid(now + settings.allowedLatenessMs()));
    tracks.update(track);
  }

  @Override
  public void processElement2(AnomalyAlert previous, Context ctx, Collector<KeyedRecord> out) throws Exception {
    VehicleTrack track = current();
    track.restore(previous);
    tracks.update(track);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedRecord> out) throws Exception {
    VehicleTrack track = tracks.value();
    if (track == null || !track.hasPending()) return;
    long now = ctx.timerService().currentProcessingTime();
    if (!ready(ctx)) {
      ctx.timerService().registerProcessingTimeTimer(onGrid(now + TIMER_GRID_MS));
      return;
    }
    emit(track.releaseDue(settings), out);
    long quietAt = track.lastArrivalAt + settings.allowedLatenessMs();
    if (now >= quietAt) emit(track.release(Long.MAX_VALUE, settings), out);
    else if (track.hasPending()) ctx.timerService().registerProcessingTimeTimer(onGrid(quietAt));
    tracks.update(track);
  }

  private VehicleTrack current() throws Exception {
    VehicleTrack track = tracks.value();
    return track == null ? new VehicleTrack() : track;
  }

  /** Both inputs have a watermark: the earlier alerts are all read. */
  private static boolean ready(Context ctx) {
    return ctx.timerService().currentWatermark() > Long.MIN_VALUE;
  }

  private static long onGrid(long at) {
    return Math.floorDiv(at + TIMER_GRID_MS - 1, TIMER_GRID_MS) * TIMER_GRID_MS;
  }

  private static void emit(List<AnomalyAlert> alerts, Collector<KeyedRecord> out) {
    for (AnomalyAlert alert : alerts) out.collect(new KeyedRecord(OUTPUT_TOPIC, alert.alertId, Json.write(alert)));
  }
}
