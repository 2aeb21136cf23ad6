package dev.fleetwatch.flink.fleetstate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KafkaRecord;
import dev.fleetwatch.flink.common.KeyedRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The job's operators in Flink's test harnesses: parsing with dead letters, the registry join, state across a restore. */
class FleetStateOperatorsTest {
  static final String FIX = "{\"vehicleId\":\"tanker-0001\",\"fleet\":\"tankers\",\"ts\":%d,\"lat\":51.9,\"lon\":4.48,\"speedKmh\":54,"
      + "\"headingDeg\":90,\"engineTempC\":88,\"containerTempC\":14,\"fuelPct\":70,\"ignition\":true,\"extra\":\"dropped\"}";
  static final String VEHICLE = "{\"vehicleId\":\"tanker-0001\",\"fleet\":\"tankers\",\"plate\":\"TK-001\",\"driver\":\"A. Jansen\",\"depot\":\"Botlek\",\"cargo\":\"lpg\"}";

  static KafkaRecord record(String topic, String key, String value) {
    return new KafkaRecord(topic, 0, 7, EnrichmentTest.NOW, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  static Fix parsedFix(long ts) throws Exception {
    OneInputStreamOperatorTestHarness<KafkaRecord, Fix> parser = ProcessFunctionTestHarnesses.forProcessFunction(new Parsers.TelemetryParser());
    parser.processElement(record(FleetStateJob.TELEMETRY_TOPIC, "tanker-0001", String.format(FIX, ts)), 0);
    return parser.extractOutputValues().get(0);
  }

  static KeyedTwoInputStreamOperatorTestHarness<String, Fix, VehicleUpdate, KeyedRecord> joinHarness() throws Exception {
    KeyedTwoInputStreamOperatorTestHarness<String, Fix, VehicleUpdate, KeyedRecord> harness = new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new EnrichFunction(() -> EnrichmentTest.NOW)), fix -> fix.telemetry.vehicleId, update -> update.vehicleId, Types.STRING);
    harness.open();
    return harness;
  }

  static JsonNode onlyOutput(KeyedTwoInputStreamOperatorTestHarness<String, Fix, VehicleUpdate, KeyedRecord> harness) throws Exception {
    List<KeyedRecord> out = harness.extractOutputValues();
    assertEquals(1, out.size(), out.toString());
    assertEquals("fleet.vehicle-state", out.get(0).topic);
    assertEquals("tanker-0001", out.get(0).key);
    return Json.MAPPER.readTree(out.get(0).json);
  }

  @Test
  void sendsMalformedTelemetryToTheDeadLettersWithItsReasonAndBytes() throws Exception {
    OneInputStreamOperatorTestHarness<KafkaRecord, Fix> parser = ProcessFunctionTestHarnesses.forProcessFunction(new Parsers.TelemetryParser());
    parser.processElement(record(FleetStateJob.TELEMETRY_TOPIC, "cab-0001", "this is {not json"), 0);
    parser.processElement(record(FleetStateJob.TELEMETRY_TOPIC, "cab-0001", null), 0);
    parser.processElement(record(FleetStateJob.TELEMETRY_TOPIC, "cab-0001", String.format(FIX, EnrichmentTest.NOW).replace("54,", "999,")), 0);
    assertTrue(parser.extractOutputValues().isEmpty());
    List<String> reasons = parser.getSideOutput(DeadLetter.TAG).stream().map(letter -> letter.getValue().reason).toList();
    assertTrue(reasons.get(0).startsWith("not-json: "), reasons.get(0));
    assertEquals("empty: message has no value", reasons.get(1));
    assertTrue(reasons.get(2).startsWith("contract: speedKmh: "), reasons.get(2));
    assertEquals("this is {not json", new String(parser.getSideOutput(DeadLetter.TAG).peek().getValue().source.value, StandardCharsets.UTF_8));
  }

  @Test
  void enrichesAFixWithTheRegisteredVehicleInTheContractShape() throws Exception {
    KeyedTwoInputStreamOperatorTestHarness<String, Fix, VehicleUpdate, KeyedRecord> harness = joinHarness();
    harness.processElement2(new StreamRecord<>(vehicleUpdate(VEHICLE)));
    harness.processElement1(new StreamRecord<>(parsedFix(EnrichmentTest.NOW - 1000)));
    JsonNode state = onlyOutput(harness);
    assertEquals("TK-001", state.get("plate").asText());
    assertEquals("lpg", state.get("cargo").asText());
    assertEquals("moving", state.get("status").asText());
    assertEquals(EnrichmentTest.NOW - 1000, state.get("ts").asLong());
    assertTrue(state.get("extra") == null, "fields outside the contract are not passed on");
  }

  @Test
  void aFixBeforeItsRegistryEntryWaitsForIt() throws Exception {
    KeyedTwoInputStreamOperatorTestHarness<String, Fix, VehicleUpdate, KeyedRecord> harness = joinHarness();
    harness.setProcessingTime(0);
    harness.processElement1(new StreamRecord<>(parsedFix(EnrichmentTest.NOW - 1000)));
    assertTrue(harness.extractOutputValues().isEmpty(), "held while the registry is still being read");
    harness.setProcessingTime(1_000);
    harness.processElement2(new StreamRecord<>(vehicleUpdate(VEHICLE)));
    assertEquals("TK-001", onlyOutput(harness).get("plate").asText());
  }

  @Test
  void aVehicleStillUnknownAfterTheWaitShowsAsUnregisteredAndItsNextFixesPassAtOnce() throws Exception {
    KeyedTwoInputStreamOperatorTestHarness<String, Fix, VehicleUpdate, KeyedRecord> harness = joinHarness();
    harness.setProcessingTime(0);
    harness.processElement1(new StreamRecord<>(parsedFix(EnrichmentTest.NOW - 1000)));
    harness.setProcessingTime(EnrichFunction.REGISTRY_WAIT_MS);
    assertEquals("unregistered", onlyOutput(harness).get("plate").asText());
    harness.processElement1(new StreamRecord<>(parsedFix(EnrichmentTest.NOW - 500)));
    assertEquals(2, harness.extractOutputValues().size());
  }

  @Test
  void aTombstoneUnregistersTheVehicle() throws Exception {
    KeyedTwoInputStreamOperatorTestHarness<String, Fix, VehicleUpdate, KeyedRecord> harness = joinHarness();
    harness.processElement2(new StreamRecord<>(vehicleUpdate(VEHICLE)));
    OneInputStreamOperatorTestHarness<KafkaRecord, VehicleUpdate> parser = ProcessFunctionTestHarnesses.forProcessFunction(new Parsers.VehicleParser());
    parser.processElement(record(FleetStateJob.VEHICLES_TOPIC, "tanker-0001", null), 0);
    harness.processElement2(new StreamRecord<>(parser.extractOutputValues().get(0)));
    harness.processElement1(new StreamRecord<>(parsedFix(EnrichmentTest.NOW - 1000)));
    assertEquals("unregistered", onlyOutput(harness).get("plate").asText());
  }

  @Test
  void rejectsAFutureFixToTheDeadLettersWithItsSourceOffset() throws Exception {
    KeyedTwoInputStreamOperatorTestHarness<String, Fix, VehicleUpdate, KeyedRecord> harness = joinHarness();
    harness.processElement1(new StreamRecord<>(parsedFix(EnrichmentTest.NOW + 3_600_000)));
    assertTrue(harness.extractOutputValues().isEmpty());
    DeadLetter letter = harness.getSideOutput(DeadLetter.TAG).peek().getValue();
    assertTrue(letter.reason.startsWith("future-timestamp"), letter.reason);
    assertEquals(7, letter.source.offset);
    assertEquals("fleet.telemetry.raw", letter.source.topic);
  }

  @Test
  void theRegistryOutlivesARestoreFromACheckpoint() throws Exception {
    KeyedTwoInputStreamOperatorTestHarness<String, Fix, VehicleUpdate, KeyedRecord> before = joinHarness();
    before.processElement2(new StreamRecord<>(vehicleUpdate(VEHICLE)));
    OperatorSubtaskState snapshot = before.snapshot(1, 1);
    before.close();

    KeyedTwoInputStreamOperatorTestHarness<String, Fix, VehicleUpdate, KeyedRecord> after = new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new EnrichFunction(() -> EnrichmentTest.NOW)), fix -> fix.telemetry.vehicleId, update -> update.vehicleId, Types.STRING);
    after.initializeState(snapshot);
    after.open();
    after.processElement1(new StreamRecord<>(parsedFix(EnrichmentTest.NOW - 1000)));
    assertEquals("TK-001", onlyOutput(after).get("plate").asText());
  }

  @Test
  void sendsAnInvalidRegistryEntryToTheDeadLetters() throws Exception {
    OneInputStreamOperatorTestHarness<KafkaRecord, VehicleUpdate> parser = ProcessFunctionTestHarnesses.forProcessFunction(new Parsers.VehicleParser());
    parser.processElement(record(FleetStateJob.VEHICLES_TOPIC, "tanker-0001", VEHICLE.replace("\"lpg\"", "\"water\"")), 0);
    assertTrue(parser.extractOutputValues().isEmpty());
    assertTrue(parser.getSideOutput(DeadLetter.TAG).peek().getValue().reason.startsWith("contract: cargo: "));
  }

  static VehicleUpdate vehicleUpdate(String json) throws Exception {
    OneInputStreamOperatorTestHarness<KafkaRecord, VehicleUpdate> parser = ProcessFunctionTestHarnesses.forProcessFunction(new Parsers.VehicleParser());
    parser.processElement(record(FleetStateJob.VEHICLES_TOPIC, "tanker-0001", json), 0);
    return parser.extractOutputValues().get(0);
  }
}
