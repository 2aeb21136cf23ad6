package dev.fleetwatch.flink.anomaly;

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
 * Silent and frozen vehicles as fleet alerts on {@code fleet.anomalies}, routed like any other
 * (inbox, notifier), keyed by vehicle: input 1 the readings, input 2 this watch's own earlier
 * alerts (read once at start, for a start without a checkpoint). Silence is only seen by a clock,
 * so each vehicle keeps one processing-time check, moved on as fixes arrive; a frozen GPS is seen in
 * the fixes themselves (see {@link VehicleWatch}).
 */
public class SilenceWatch extends KeyedCoProcessFunction<String, ParsedReading, AnomalyAlert, KeyedRecord> {
  /** Checks are rounded up to this grid: a busy vehicle keeps one timer, not one per fix. */
  private static final long TIMER_GRID_MS = 1_000;

  private final WatchSettings settings;
  private transient ValueState<VehicleWatch> watches;
  /**
   * When this subtask first ran (processing time). After a restore, checks that fell due while the
   * job was down fire at once, before the backlog of fixes is read: no vehicle is called offline
   * until the job has itself been up for FLEET_OFFLINE_AFTER_S.
   */
  private transient long upSince;

  public SilenceWatch(WatchSettings settings) {
    this.settings = settings;
  }

  /** The alerts this watch writes (the anomaly detector leaves them alone). */
  public static boolean watches(AnomalyAlert alert) {
    return VehicleWatch.OFFLINE.equals(alert.metric) || VehicleWatch.GPS_FROZEN.equals(alert.metric);
  }

  @Override
  public void open(OpenContext context) {
    // Set here, not where the field is declared: the function reaches the task by Java serialization,
    // which leaves a transient field at 0 (so every restored check fired at once in the demo).
    upSince = Long.MIN_VALUE;
    watches = getRuntimeContext().getState(new ValueStateDescriptor<>("vehicle-watch", TypeInformation.of(VehicleWatch.class)));
  }

  @Override
  public void processElement1(ParsedReading parsed, Context ctx, Collector<KeyedRecord> out) throws Exception {
    VehicleWatch watch = current();
    long now = ctx.timerService().currentProcessingTime();
    if (upSince == Long.MIN_VALUE) upSince = now;
    emit(watch.onReading(parsed.reading, now, settings), out);
    if (watch.timerAt == 0) schedule(watch, ctx);
    watches.update(watch);
  }

  @Override
  public void processElement2(AnomalyAlert previous, Context ctx, Collector<KeyedRecord> out) throws Exception {
    VehicleWatch watch = current();
    AnomalyAlert cleared = watch.restore(previous, settings);
    if (cleared != null) emit(List.of(cleared), out);
    watches.update(watch);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedRecord> out) throws Exception {
    VehicleWatch watch = watches.value();
    if (watch == null) return;
    watch.timerAt = 0;
    long now = ctx.timerService().currentProcessingTime();
    if (upSince == Long.MIN_VALUE) upSince = now;
    if (now < upSince + settings.offlineAfterMs()) {
      watch.timerAt = upSince + settings.offlineAfterMs();
      ctx.timerService().registerProcessingTimeTimer(watch.timerAt);
      watches.update(watch);
      return;
    }
    AnomalyAlert offline = watch.onQuiet(now, settings);
    if (offline != null) emit(List.of(offline), out);
    // Offline now: the next fix arms the check again. Otherwise fixes came in since: check at the new due time.
    else if (watch.offlineId == null && watch.lastTs != Long.MIN_VALUE) schedule(watch, ctx);
    watches.update(watch);
  }

  private void schedule(VehicleWatch watch, Context ctx) {
    long due = watch.offlineDueAt(settings);
    watch.timerAt = Math.floorDiv(due + TIMER_GRID_MS - 1, TIMER_GRID_MS) * TIMER_GRID_MS;
    ctx.timerService().registerProcessingTimeTimer(watch.timerAt);
  }

  private VehicleWatch current() throws Exception {
    VehicleWatch watch = watches.value();
    return watch == null ? new VehicleWatch() : watch;
  }

  private static void emit(List<AnomalyAlert> alerts, Collector<KeyedRecord> out) {
    for (AnomalyAlert alert : alerts) out.collect(new KeyedRecord(AnomalyFunction.OUTPUT_TOPIC, alert.alertId, Json.write(alert)));
  }
}
