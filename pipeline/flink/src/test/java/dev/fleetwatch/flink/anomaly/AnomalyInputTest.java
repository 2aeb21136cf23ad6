package dev.fleetwatch.flink.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KafkaRecord;
import dev.fleetwatch.flink.contracts.ContractAssert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Bad input goes to the dead letters with its reason, the bytes unchanged, and the records after it still flow. */
class AnomalyInputTest {
  private static String stateWith(Map<String, Object> override) {
    return Json.write(Readings.state(0, override, "cab-1"));
  }

  private static String stateWithout(String field) {
    Map<String, Object> state = new LinkedHashMap<>(Readings.state(0, Map.of(), "cab-1"));
    state.remove(field);
    return Json.write(state);
  }

  @Test
  void sendsEveryKindOfBadReadingToTheDeadLettersWithItsReasonAndKeepsReading() throws Exception {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("{not json", "not-json: ");
    bad.put("", "empty: message has no value");
    bad.put("[1,2]", "contract: (root): expected object");
    bad.put(stateWith(Map.of("engineTempC", "hot")), "contract: engineTempC: expected number");
    bad.put(stateWithout("vehicleId"), "contract: vehicleId: required string");
    bad.put(stateWith(Map.of("vehicleId", "cab 1/..")), "contract: vehicleId: letters, digits and . _ : @ - only");
    bad.put(stateWith(Map.of("ts", 1.5)), "contract: ts: expected epoch milliseconds");
    bad.put(stateWith(Map.of("ts", -1)), "contract: ts: expected epoch milliseconds");
    bad.put(stateWith(Map.of("cargo", "milk")), "contract: cargo: expected one of");
    bad.put(stateWith(Map.of("ignition", "yes")), "contract: ignition: expected boolean");
    bad.put(stateWith(Map.of("engineTempC", 900)), "contract: engineTempC: expected a number in [-60, 250], got 900");
    try (OneInputStreamOperatorTestHarness<KafkaRecord, ParsedReading> parser = ProcessFunctionTestHarnesses.forProcessFunction(new ReadingParser())) {
      for (String value : bad.keySet()) {
        // The hand-written check and the contract agree: lib/contracts refuses each of these too.
        assertTrue(value.isEmpty() || !ContractAssert.problems(AnomalyJob.INPUT_TOPIC, value).isEmpty(), value);
        parser.processElement(Readings.raw(value), 0);
        parser.processElement(Readings.raw(stateWith(Map.of())), 0);
      }
      parser.processElement(Readings.raw(null), 0);
      List<DeadLetter> letters = new ArrayList<>();
      for (StreamRecord<DeadLetter> record : parser.getSideOutput(DeadLetter.TAG)) letters.add(record.getValue());
      assertEquals(bad.size() + 1, letters.size());
      List<String> expected = new ArrayList<>(bad.values());
      for (int i = 0; i < expected.size(); i += 1) {
        assertTrue(letters.get(i).reason.startsWith(expected.get(i)), letters.get(i).reason + " should start with " + expected.get(i));
        assertEquals(List.copyOf(bad.keySet()).get(i), new String(letters.get(i).source.value, java.nio.charset.StandardCharsets.UTF_8));
      }
      assertEquals("empty: message has no value", letters.get(bad.size()).reason);
      assertEquals(bad.size(), parser.extractOutputValues().size());
    }
  }

  @Test
  void readsAStateWithEveryOptionalFieldAndIgnoresUnknownOnes() throws Exception {
    // zod strips an unknown field, so a newer producer's extra field must not turn a reading away.
    String json = Json.write(Readings.state(3, Map.of("roadCondition", "icy", "depot", "Rotterdam", "extra", 1), "tanker-1"));
    VehicleReading reading = AnomalyContracts.vehicleState(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("tanker-1", reading.vehicleId);
    assertEquals("tankers", reading.fleet);
    assertEquals("gasoline", reading.cargo);
    assertEquals(Readings.T0 + 3_000, reading.ts);
  }

  @Test
  void continuesOnlyItsOwnKindOfEarlierAlertsAndSendsBrokenOnesToTheDeadLetters() throws Exception {
    AnomalyAlert fired = new AnomalyAlert();
    fired.alertId = "anomaly.cab-1.engineTempC.1";
    fired.vehicleId = "cab-1";
    fired.fleet = "cabs";
    fired.plate = "NL-01-AB";
    fired.metric = "engineTempC";
    fired.value = 104;
    fired.normal = new AnomalyAlert.Range(83.5, 100);
    fired.startedAt = 1;
    fired.detectedAt = 10_001;
    fired.severity = "info";
    fired.state = "firing";
    String capacity = "{\"alertId\":\"capacity.z.1\",\"kind\":\"capacity\",\"team\":\"security\",\"zoneId\":\"z\",\"metric\":\"occupancy\",\"value\":1,\"normal\":{\"min\":0,\"max\":1},\"startedAt\":1,\"detectedAt\":1,\"severity\":\"info\",\"state\":\"firing\"}";
    String broken = Json.write(fired).replace("\"severity\":\"info\"", "\"severity\":\"loud\"");
    try (OneInputStreamOperatorTestHarness<KafkaRecord, AnomalyAlert> parser = ProcessFunctionTestHarnesses.forProcessFunction(new PreviousAlertParser())) {
      parser.processElement(Readings.raw(null), 0); // a tombstone
      parser.processElement(Readings.raw(capacity), 0);
      parser.processElement(Readings.raw(broken), 0);
      parser.processElement(Readings.raw(Json.write(fired)), 0);
      ContractAssert.assertMatches(AnomalyFunction.OUTPUT_TOPIC, Json.write(fired));
      assertTrue(!ContractAssert.problems(AnomalyFunction.OUTPUT_TOPIC, broken).isEmpty());
      List<AnomalyAlert> read = parser.extractOutputValues();
      assertEquals(1, read.size());
      assertEquals(Json.write(fired), Json.write(read.get(0)));
      List<DeadLetter> letters = new ArrayList<>();
      for (StreamRecord<DeadLetter> record : parser.getSideOutput(DeadLetter.TAG)) letters.add(record.getValue());
      assertEquals(1, letters.size());
      assertTrue(letters.get(0).reason.startsWith("contract: severity: expected one of"), letters.get(0).reason);
    }
  }
}
