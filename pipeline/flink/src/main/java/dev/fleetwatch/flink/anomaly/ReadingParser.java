package dev.fleetwatch.flink.anomaly;

import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.KafkaRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** {@code fleet.vehicle-state} records against their contract: what fails it goes to the dead letters with the reason. */
public class ReadingParser extends ProcessFunction<KafkaRecord, ParsedReading> {
  @Override
  public void processElement(KafkaRecord raw, Context ctx, Collector<ParsedReading> out) {
    try {
      out.collect(new ParsedReading(raw, AnomalyContracts.vehicleState(raw.value)));
    } catch (AnomalyContracts.Rejected rejected) {
      ctx.output(DeadLetter.TAG, new DeadLetter(raw, rejected.getMessage()));
    }
  }
}
