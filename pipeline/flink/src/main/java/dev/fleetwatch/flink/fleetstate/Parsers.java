package dev.fleetwatch.flink.fleetstate;

import dev.fleetwatch.flink.common.ContractReader;
import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.KafkaRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Raw records to contract types; anything that does not parse goes to the dead-letter side output with its reason. */
final class Parsers {
  private Parsers() {}

  static final class TelemetryParser extends ProcessFunction<KafkaRecord, Fix> {
    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<Fix> out) {
      Telemetry telemetry = ContractReader.read(record, Telemetry::read, letter -> ctx.output(DeadLetter.TAG, letter));
      if (telemetry != null) out.collect(Fix.of(telemetry, record));
    }
  }

  static final class VehicleParser extends ProcessFunction<KafkaRecord, VehicleUpdate> {
    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<VehicleUpdate> out) {
      // A compacted topic deletes a key with a null value.
      if (record.value == null && record.key != null) {
        out.collect(new VehicleUpdate(record.keyString(), null));
        return;
      }
      Vehicle vehicle = ContractReader.read(record, Vehicle::read, letter -> ctx.output(DeadLetter.TAG, letter));
      if (vehicle != null) out.collect(new VehicleUpdate(vehicle.vehicleId, vehicle));
    }
  }
}
