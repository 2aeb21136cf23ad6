package dev.fleetwatch.flink.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.contracts.ContractAssert;
import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KeyedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/** The anomaly detector operator in Flink's keyed two-input test harness, as one subtask of a job of any parallelism. */
final class DetectorHarness implements AutoCloseable {
  static final int MAX_PARALLELISM = 128;
  /** Far past any test's arrivals: every quiet vehicle's held readings are due. */
  private static final long LATER = 1_000_000_000L;

  final KeyedTwoInputStreamOperatorTestHarness<String, ParsedReading, AnomalyAlert, KeyedRecord> harness;
  private long arrival;

  DetectorHarness(AnomalySettings settings) throws Exception {
    this(settings, 1, 0, null);
  }

  DetectorHarness(AnomalySettings settings, int parallelism, int subtask, OperatorSubtaskState restoreFrom) throws Exception {
    harness = new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new AnomalyFunction(settings)),
        parsed -> parsed.reading.vehicleId, alert -> alert.vehicleId, Types.STRING, MAX_PARALLELISM, parallelism, subtask);
    harness.setup();
    if (restoreFrom != null) harness.initializeState(restoreFrom);
    harness.open();
  }

  /** The state of a job whose earlier alerts are read: the operator's watermark has started. */
  DetectorHarness started() throws Exception {
    harness.processBothWatermarks(new Watermark(0));
    return this;
  }

  DetectorHarness previous(AnomalyAlert alert) throws Exception {
    harness.processElement2(new StreamRecord<>(alert));
    return this;
  }

  /** Readings arriving one processing-time millisecond apart (a burst, as when reading a backlog). */
  DetectorHarness feed(List<ParsedReading> readings) throws Exception {
    for (ParsedReading reading : readings) {
      harness.setProcessingTime(arrival++);
      harness.processElement1(new StreamRecord<>(reading, reading.reading.ts));
    }
    return this;
  }

  /** Processing time moves far on: what quiet vehicles hold is judged. */
  DetectorHarness quiet() throws Exception {
    arrival += LATER;
    harness.setProcessingTime(arrival);
    return this;
  }

  /** Every alert written so far, checked against the output contract (lib/contracts' JSON Schema) and keyed by its id. */
  List<AnomalyAlert> alerts() throws Exception {
    List<AnomalyAlert> alerts = new ArrayList<>();
    for (KeyedRecord record : harness.extractOutputValues()) {
      assertEquals(AnomalyFunction.OUTPUT_TOPIC, record.topic);
      ContractAssert.assertMatches(AnomalyFunction.OUTPUT_TOPIC, record.json);
      AnomalyAlert alert = AnomalyContracts.anomalyAlert(record.json.getBytes(StandardCharsets.UTF_8));
      assertEquals(record.key, alert.alertId);
      alerts.add(alert);
    }
    return alerts;
  }

  List<DeadLetter> deadLetters() {
    List<DeadLetter> letters = new ArrayList<>();
    StreamRecordQueue.drain(harness.getSideOutput(DeadLetter.TAG), letters);
    return letters;
  }

  OperatorSubtaskState snapshot(long checkpointId) throws Exception {
    return harness.snapshot(checkpointId, checkpointId);
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }

  /** The ordered, started detector over {@code readings}, then quiet: the Node tests' {@code run}. */
  static List<AnomalyAlert> run(List<ParsedReading> readings) throws Exception {
    try (DetectorHarness detector = new DetectorHarness(Readings.SETTINGS).started()) {
      return detector.feed(readings).quiet().alerts();
    }
  }

  /** Alerts as their JSON text, for comparing whole runs. */
  static List<String> json(List<AnomalyAlert> alerts) {
    return alerts.stream().map(Json::write).toList();
  }

  /** Side-output queues may be null until something was written to them. */
  private static final class StreamRecordQueue {
    static <T> void drain(java.util.Collection<StreamRecord<T>> queue, List<T> into) {
      if (queue != null) for (StreamRecord<T> record : queue) into.add(record.getValue());
    }
  }
}
