package dev.fleetwatch.flink.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fleetwatch.flink.common.JobSettings;
import dev.fleetwatch.flink.common.KafkaIO;
import dev.fleetwatch.flink.common.KeyedRecord;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The job's settings (names and defaults as the README and the TypeScript side give them), its buckets and boundaries, and its sink's timestamps. */
class SnapshotSettingsTest {
  static SnapshotSettings settings(Map<String, String> values) {
    return SnapshotSettings.from(new JobSettings(values));
  }

  @Test
  void defaultsToFiveSecondsSixteenBucketsAndSevenDaysOfRetention() {
    assertEquals(new SnapshotSettings(5_000, 16, 7 * 24 * 3_600_000L), settings(Map.of()));
    assertEquals(new SnapshotSettings(1_000, 1024, 1_800_000), settings(Map.of("FLEET_SNAPSHOT_INTERVAL_S", "1", "FLEET_SNAPSHOT_BUCKETS", "1024", "FLEET_STATE_RETENTION_H", "0.5")));
  }

  @Test
  void refusesValuesOutOfBoundsNamingTheSetting() {
    for (Map<String, String> wrong : java.util.List.of(
        Map.of("FLEET_SNAPSHOT_INTERVAL_S", "0"), Map.of("FLEET_SNAPSHOT_INTERVAL_S", "2.5"), Map.of("FLEET_SNAPSHOT_BUCKETS", "0"),
        Map.of("FLEET_SNAPSHOT_BUCKETS", "1025"), Map.of("FLEET_STATE_RETENTION_H", "0"), Map.of("FLEET_STATE_RETENTION_H", "9000"),
        Map.of("FLEET_STATE_RETENTION_H", "a week"))) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> settings(wrong), wrong.toString());
      String name = wrong.keySet().iterator().next();
      assertEquals(true, error.getMessage().startsWith(name + " must be"), error.getMessage());
    }
  }

  @Test
  void spreadsVehiclesByTheJavaHashOfTheirIdAndPlacesRecordsOnTheNextBoundary() {
    SnapshotSettings snapshot = settings(Map.of("FLEET_SNAPSHOT_INTERVAL_S", "10"));
    // Java's String.hashCode, negative for both ("cab-0001" is -518231958), floor-modded into [0, 16):
    // the values a reader on the TypeScript side must get too.
    assertEquals(10, snapshot.bucketOf("cab-0001"));
    assertEquals(4, snapshot.bucketOf("tanker-0042"));
    assertEquals(20_000, snapshot.boundaryAtOrAfter(10_001));
    assertEquals(10_000, snapshot.boundaryAtOrAfter(10_000));
    assertEquals(10_000, snapshot.boundaryAtOrBefore(19_999));
  }

  @Test
  void theEventTimeSinkStampsEachRecordWithItsFlinkTimestampTheOthersLeaveItToTheProducer() throws Exception {
    KeyedRecord record = new KeyedRecord(BucketSnapshots.OUTPUT_TOPIC, "7", "{}");
    ProducerRecord<byte[], byte[]> atEventTime = KafkaIO.keyedRecords(true).serialize(record, null, 1_764_800_000_000L);
    assertEquals(1_764_800_000_000L, atEventTime.timestamp());
    assertEquals("7", new String(atEventTime.key(), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(BucketSnapshots.OUTPUT_TOPIC, atEventTime.topic());
    assertEquals(null, KafkaIO.keyedRecords(false).serialize(record, null, 1_764_800_000_000L).timestamp());
  }
}
