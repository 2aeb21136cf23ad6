package dev.fleetwatch.flink.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.KafkaRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Reading fleet.vehicle-state for a snapshot: the key, {@code ts} and the value as read; anything else malformed goes to the dead letters and the job goes on. */
class SnapshotReaderTest {
  static final long RECEIVED = SnapshotHarness.T - 123;

  static KafkaRecord record(String key, String value, long timestamp) {
    return new KafkaRecord(FleetSnapshotJob.INPUT_TOPIC, 2, 41, timestamp, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  static KafkaRecord record(String key, String value) {
    return record(key, value, RECEIVED);
  }

  @Test
  void readsTheVehicleFromTheKeyAndTsFromTheValueWhichItKeepsAsRead() throws Exception {
    String value = " {\"vehicleId\":\"cab-0001\",\"nested\":{\"ts\":1,\"list\":[{\"ts\":2},[3]]},\"ts\":1764799999877,\"plate\":\"ü-1\",\"lat\":51.9,\"lon\":4.5,\"speedKmh\":12}\n";
    OneInputStreamOperatorTestHarness<KafkaRecord, VehicleFix> reader = ProcessFunctionTestHarnesses.forProcessFunction(new VehicleStateReader());
    reader.processElement(record("cab-0001", value), RECEIVED);
    VehicleFix fix = reader.extractOutputValues().get(0);
    assertEquals("cab-0001", fix.vehicleId);
    assertEquals(1_764_799_999_877L, fix.ts, "the top-level ts, not a nested one");
    assertEquals(RECEIVED, fix.receivedAt, "the record's Kafka timestamp");
    assertEquals(value, new String(fix.state, StandardCharsets.UTF_8), "the value as read");
    assertEquals(List.of(51.9, 4.5, 12.0), List.of(fix.lat, fix.lon, fix.speedKmh), "position and speed, for the frozen-GPS rule");
    assertEquals(1_700_000_000_000L, VehicleStateReader.read(record("cab-0001", "{\"ts\":1.7e12,\"lat\":0,\"lon\":0,\"speedKmh\":0}")).fix().ts, "a whole number written with an exponent, as JSON.parse takes it");
  }

  @Test
  void sendsEveryMalformedRecordToTheDeadLettersWithItsReasonAndGoesOn() throws Exception {
    List<KafkaRecord> bad = List.of(
        record(null, "{\"ts\":1}"),
        record("cab 0001", "{\"ts\":1}"),
        record("c".repeat(129), "{\"ts\":1}"),
        record("cab-0001", null),
        record("cab-0001", "{\"ts\":1}", -1),
        record("cab-0001", "this is {not json"),
        record("cab-0001", "{\"ts\":1,"),
        record("cab-0001", "{\"ts\":1}{\"ts\":2}"),
        record("cab-0001", "   "),
        record("cab-0001", "[{\"ts\":1}]"),
        record("cab-0001", "{\"vehicleId\":\"cab-0001\"}"),
        record("cab-0001", "{\"ts\":\"1764799999877\"}"),
        record("cab-0001", "{\"ts\":1.5}"),
        record("cab-0001", "{\"ts\":-1}"),
        record("cab-0001", "{\"ts\":123456789012345678901234567890}"),
        record("cab-0001", "{\"ts\":1,\"lat\":{\"deg\":51},\"lon\":4,\"speedKmh\":0}"));
    OneInputStreamOperatorTestHarness<KafkaRecord, VehicleFix> reader = ProcessFunctionTestHarnesses.forProcessFunction(new VehicleStateReader());
    for (KafkaRecord record : bad) reader.processElement(record, RECEIVED);
    reader.processElement(record("cab-0002", "{\"ts\":5,\"lat\":1,\"lon\":2,\"speedKmh\":3}"), RECEIVED);

    assertEquals(List.of("cab-0002"), reader.extractOutputValues().stream().map(fix -> fix.vehicleId).toList(), "the good record after them still passes");
    List<DeadLetter> letters = reader.getSideOutput(DeadLetter.TAG).stream().map(letter -> letter.getValue()).toList();
    assertEquals(bad.size(), letters.size());
    List<String> reasons = letters.stream().map(letter -> letter.reason).toList();
    assertEquals("empty: fleet.vehicle-state record has no key (its vehicleId)", reasons.get(0));
    assertEquals("contract: (key): letters, digits and . _ : @ - only (1 to 128 characters)", reasons.get(1));
    assertEquals(reasons.get(1), reasons.get(2));
    assertEquals("empty: message has no value", reasons.get(3));
    assertEquals("contract: (timestamp): the record has no Kafka timestamp", reasons.get(4));
    for (int i = 5; i <= 8; i++) assertTrue(reasons.get(i).startsWith("not-json: "), reasons.get(i));
    assertEquals("contract: (root): expected object", reasons.get(9));
    for (int i = 10; i < bad.size() - 1; i++) assertEquals("contract: ts: expected epoch milliseconds (a non-negative whole number)", reasons.get(i), bad.get(i).toString());
    assertEquals("contract: lat, lon, speedKmh: expected numbers", reasons.get(bad.size() - 1));
    assertEquals("this is {not json", new String(letters.get(5).source.value, StandardCharsets.UTF_8), "the rejected bytes unchanged");
    assertEquals(41, letters.get(5).source.offset);
  }
}
