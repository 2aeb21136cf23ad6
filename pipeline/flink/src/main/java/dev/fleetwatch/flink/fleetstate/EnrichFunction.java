package dev.fleetwatch.flink.fleetstate;

import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.KeyedRecord;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per vehicle: the registry entry in keyed state (checkpointed, so a restored job knows every
 * vehicle without re-reading the registry) and each fix enriched with it as soon as it arrives.
 */
final class EnrichFunction extends KeyedCoProcessFunction<String, Fix, VehicleUpdate, KeyedRecord> {
  static final String OUTPUT_TOPIC = "fleet.vehicle-state";

  private final SerializableClock clock;
  private transient ValueState<Vehicle> registered;

  /** Wall-clock time source; tests pin it. */
  interface SerializableClock extends LongSupplier, java.io.Serializable {}

  EnrichFunction(SerializableClock clock) {
    this.clock = clock;
  }

  @Override
  public void open(OpenContext context) {
    registered = getRuntimeContext().getState(new ValueStateDescriptor<>("vehicle", Vehicle.class));
  }

  @Override
  public void processElement1(Fix fix, Context ctx, Collector<KeyedRecord> out) throws Exception {
    Enrichment.Result result = Enrichment.enrich(fix.telemetry, registered.value(), clock.getAsLong());
    if (result.ok()) out.collect(new KeyedRecord(OUTPUT_TOPIC, fix.telemetry.vehicleId, result.json()));
    else ctx.output(DeadLetter.TAG, new DeadLetter(fix.asSource(), result.reason()));
  }

  @Override
  public void processElement2(VehicleUpdate update, Context ctx, Collector<KeyedRecord> out) throws Exception {
    if (update.vehicle == null) registered.clear();
    else registered.update(update.vehicle);
  }
}
