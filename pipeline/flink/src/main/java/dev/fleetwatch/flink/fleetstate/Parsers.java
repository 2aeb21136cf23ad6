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
      ContractReader.Parsed parsed = ContractReader.parse(record.value);
      if (parsed.reason() != null) {
        ctx.output(DeadLetter.TAG, new DeadLetter(record, parsed.reason()));
        return;
      }
      Telemetry telemetry = Telemetry.read(parsed.reader());
      String problem = parsed.reader().problem();
      if (problem != null) ctx.output(DeadLetter.TAG, new DeadLetter(record, problem));
      else out.collect(Fix.of(telemetry, record));
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
      ContractReader.Parsed parsed = ContractReader.parse(record.value);
      if (parsed.reason() != null) {
        ctx.output(DeadLetter.TAG, new DeadLetter(record, parsed.reason()));
        return;
      }
      Vehicle vehicle = Vehicle.read(parsed.reader());
      String problem = parsed.reader().problem();
      if (problem != null) ctx.output(DeadLetter.TAG, new DeadLetter(record, problem));
      else out.collect(new VehicleUpdate(vehicle.vehicleId, vehicle));
    }
  }
}
