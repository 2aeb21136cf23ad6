package dev.fleetwatch.flink.fleetstate;

import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.JobSettings;
import dev.fleetwatch.flink.common.KafkaIO;
import dev.fleetwatch.flink.common.KeyedRecord;
import dev.fleetwatch.flink.common.Keying;
import dev.fleetwatch.flink.common.StreamJob;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code fleet.telemetry.raw} + {@code fleet.vehicles} → {@code fleet.vehicle-state}, keyed by
 * vehicleId. Delivery: at-least-once. Every fix is written as soon as it is enriched (the Kafka
 * sink sends continuously; a checkpoint only waits for what is in flight), so live positions never
 * wait for a checkpoint; after a restore the fixes since the last checkpoint are written again
 * under the same key with the same content, which consumers treat as the same state.
 */
public class FleetStateJob implements StreamJob {
  static final String TELEMETRY_TOPIC = "fleet.telemetry.raw";
  static final String VEHICLES_TOPIC = "fleet.vehicles";
  static final long LIVE_BUFFER_TIMEOUT_MS = 5;

  @Override
  public String name() {
    return "fleet-state";
  }

  @Override
  public void build(StreamExecutionEnvironment env, JobSettings settings) {
    // Live telemetry is latency-bound: a fix goes on to the registry join within 5 ms, not Flink's
    // default 100 ms. Only this job: every job's output flushers wake at their timeout, whether
    // there is anything to send or not, and the other jobs' outputs wait seconds anyway.
    env.setBufferTimeout(LIVE_BUFFER_TIMEOUT_MS);
    SingleOutputStreamOperator<Fix> fixes = KafkaIO.source(env, settings, this, "telemetry", List.of(TELEMETRY_TOPIC))
        // A fix crosses to the registry join: its own serializer, not the POJO one.
        .process(new Parsers.TelemetryParser(), FixSerializer.INSTANCE.type()).name("parse telemetry").uid("fleet-state-parse-telemetry");
    // The registry is a compacted table: a job without a checkpoint reads all of it.
    SingleOutputStreamOperator<VehicleUpdate> vehicles = KafkaIO.source(env, settings, this, "vehicles", List.of(VEHICLES_TOPIC), OffsetsInitializer.earliest())
        .process(new Parsers.VehicleParser()).name("parse vehicles").uid("fleet-state-parse-vehicles");
    SingleOutputStreamOperator<KeyedRecord> states = Keying.byKey(fixes, fix -> fix.telemetry.vehicleId, Types.STRING)
        .connect(Keying.byKey(vehicles, update -> update.vehicleId, Types.STRING))
        .process(new EnrichFunction(System::currentTimeMillis)).name("enrich with registry").uid("fleet-state-enrich");
    states.sinkTo(KafkaIO.sink(settings, this)).name("fleet.vehicle-state").uid("fleet-state-sink");
    KafkaIO.sendDeadLetters(
        fixes.getSideOutput(DeadLetter.TAG).union(vehicles.getSideOutput(DeadLetter.TAG), states.getSideOutput(DeadLetter.TAG)),
        settings, this);
  }
}
