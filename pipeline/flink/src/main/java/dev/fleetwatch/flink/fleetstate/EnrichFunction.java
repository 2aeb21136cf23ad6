package dev.fleetwatch.flink.fleetstate;

import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.KeyedRecord;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per vehicle: the registry entry in keyed state (checkpointed, so a restored job knows every
 * vehicle without re-reading the registry) and each fix enriched with it as soon as it arrives.
 *
 * <p>A job starting without a checkpoint reads the registry and the telemetry side by side, so a
 * vehicle's first fixes can come before its entry. Those wait for it, at most {@link #REGISTRY_WAIT_MS};
 * a vehicle still unknown then shows as unregistered, and its later fixes go straight through.
 */
final class EnrichFunction extends KeyedCoProcessFunction<String, Fix, VehicleUpdate, KeyedRecord> {
  static final String OUTPUT_TOPIC = "fleet.vehicle-state";
  static final long REGISTRY_WAIT_MS = 2_000;

  private final SerializableClock clock;
  private transient ValueState<Vehicle> registered;
  private transient ValueState<Boolean> knownUnregistered;
  private transient ListState<Fix> waiting;

  /** Wall-clock time source; tests pin it. */
  interface SerializableClock extends LongSupplier, java.io.Serializable {}

  EnrichFunction(SerializableClock clock) {
    this.clock = clock;
  }

  @Override
  public void open(OpenContext context) {
    registered = getRuntimeContext().getState(new ValueStateDescriptor<>("vehicle", Vehicle.class));
    knownUnregistered = getRuntimeContext().getState(new ValueStateDescriptor<>("known-unregistered", Boolean.class));
    waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting-for-registry", Fix.class));
  }

  @Override
  public void processElement1(Fix fix, Context ctx, Collector<KeyedRecord> out) throws Exception {
    Vehicle vehicle = registered.value();
    if (vehicle != null || Boolean.TRUE.equals(knownUnregistered.value())) {
      emit(fix, vehicle, ctx, out);
      return;
    }
    // A broken clock is rejected now; only the registry join is worth waiting for.
    Enrichment.Result unjoined = Enrichment.enrich(fix.telemetry, null, clock.getAsLong());
    if (!unjoined.ok()) {
      ctx.output(DeadLetter.TAG, new DeadLetter(fix.asSource(), unjoined.reason()));
      return;
    }
    if (!waiting.get().iterator().hasNext()) ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + REGISTRY_WAIT_MS);
    waiting.add(fix);
  }

  @Override
  public void processElement2(VehicleUpdate update, Context ctx, Collector<KeyedRecord> out) throws Exception {
    if (update.vehicle == null) {
      registered.clear();
      knownUnregistered.update(true);
    } else {
      registered.update(update.vehicle);
    }
    flushWaiting(update.vehicle, ctx, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedRecord> out) throws Exception {
    if (registered.value() != null) return;
    knownUnregistered.update(true);
    flushWaiting(null, ctx, out);
  }

  private void flushWaiting(Vehicle vehicle, Context ctx, Collector<KeyedRecord> out) throws Exception {
    for (Fix fix : waiting.get()) emit(fix, vehicle, ctx, out);
    waiting.clear();
  }

  private void emit(Fix fix, Vehicle vehicle, Context ctx, Collector<KeyedRecord> out) {
    Enrichment.Result result = Enrichment.enrich(fix.telemetry, vehicle, clock.getAsLong());
    if (result.ok()) out.collect(new KeyedRecord(OUTPUT_TOPIC, fix.telemetry.vehicleId, result.json()));
    else ctx.output(DeadLetter.TAG, new DeadLetter(fix.asSource(), result.reason()));
  }
}
