package dev.fleetwatch.flink.anomaly;

import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.KafkaRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The job's own earlier {@code fleet.anomalies} records. A tombstone or another kind of alert is
 * not this job's to continue; a record that fails the contract goes to the dead letters.
 */
public class PreviousAlertParser extends ProcessFunction<KafkaRecord, AnomalyAlert> {
  @Override
  public void processElement(KafkaRecord raw, Context ctx, Collector<AnomalyAlert> out) {
    if (raw.value == null || raw.value.length == 0) return;
    try {
      AnomalyAlert alert = AnomalyContracts.anomalyAlert(raw.value);
      if (alert != null) out.collect(alert);
    } catch (AnomalyContracts.Rejected rejected) {
      ctx.output(DeadLetter.TAG, new DeadLetter(raw, rejected.getMessage()));
    }
  }
}
