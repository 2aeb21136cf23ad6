package dev.fleetwatch.flink.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KafkaRecord;
import dev.fleetwatch.flink.common.KeyedRecord;
import dev.fleetwatch.flink.contracts.ContractAssert;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** The bucket operator in Flink's keyed test harness (one subtask holding every bucket), fed fixes as the reader emits them. */
final class SnapshotHarness implements AutoCloseable {
  /** A whole interval, so the boundaries in the tests read as round numbers. */
  static final long T = 1_764_800_000_000L;
  static final SnapshotSettings SETTINGS = new SnapshotSettings(10_000, 4, 3_600_000);

  final KeyedOneInputStreamOperatorTestHarness<Integer, VehicleFix, KeyedRecord> harness;
  private final SnapshotSettings settings;

  SnapshotHarness(SnapshotSettings settings) throws Exception {
    this(settings, null);
  }

  SnapshotHarness(SnapshotSettings settings, OperatorSubtaskState restoreFrom) throws Exception {
    this.settings = settings;
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new BucketSnapshots(settings)), fix -> settings.bucketOf(fix.vehicleId), Types.INT);
    harness.setup();
    if (restoreFrom != null) harness.initializeState(restoreFrom);
    harness.open();
  }

  static final double LAT = 51.92;
  static final double LON = 4.47;

  /** A contract-valid fleet.vehicle-state value. */
  static String state(String vehicleId, long ts, double speedKmh) {
    return state(vehicleId, ts, speedKmh, LAT);
  }

  static String state(String vehicleId, long ts, double speedKmh, double lat) {
    return "{\"vehicleId\":\"" + vehicleId + "\",\"fleet\":\"cabs\",\"ts\":" + ts + ",\"lat\":" + lat + ",\"lon\":" + LON + ",\"speedKmh\":" + speedKmh
        + ",\"headingDeg\":90,\"engineTempC\":88,\"fuelPct\":70,\"ignition\":true,\"plate\":\"CB-1\",\"driver\":\"A. Jansen\",\"status\":\"moving\"}";
  }

  /** A record received at {@code receivedAt} (its Kafka timestamp, the element's Flink timestamp) carrying a fix taken at {@code ts}, read as the job reads it. */
  SnapshotHarness fix(String vehicleId, long ts, long receivedAt, double speedKmh, double lat) throws Exception {
    byte[] value = state(vehicleId, ts, speedKmh, lat).getBytes(StandardCharsets.UTF_8);
    KafkaRecord record = new KafkaRecord("fleet.vehicle-state", 0, 0, receivedAt, vehicleId.getBytes(StandardCharsets.UTF_8), value);
    harness.processElement(new StreamRecord<>(VehicleStateReader.read(record).fix(), receivedAt));
    return this;
  }

  SnapshotHarness fix(String vehicleId, long ts, long receivedAt, double speedKmh) throws Exception {
    return fix(vehicleId, ts, receivedAt, speedKmh, LAT);
  }

  SnapshotHarness fix(String vehicleId, long ts, long receivedAt) throws Exception {
    return fix(vehicleId, ts, receivedAt, 50);
  }

  SnapshotHarness watermark(long watermark) throws Exception {
    harness.processWatermark(watermark);
    return this;
  }

  /** One record written to fleet.snapshots, parsed. */
  record Chunk(long at, int bucket, int buckets, int chunk, int chunks, JsonNode vehicles, String json) {
    /** vehicleId → its entry ({receivedAt, state}). */
    JsonNode vehicle(String vehicleId) {
      for (JsonNode entry : vehicles) if (entry.get("state").get("vehicleId").asText().equals(vehicleId)) return entry;
      return null;
    }
  }

  /**
   * Every record written since the last call, each checked against the topic's contract (lib/contracts'
   * JSON Schema), keyed by its bucket, with its Flink timestamp (the Kafka timestamp the sink writes) at {@code at}.
   */
  List<Chunk> drain() throws Exception {
    List<Chunk> chunks = new ArrayList<>();
    for (StreamRecord<? extends KeyedRecord> written : harness.extractOutputStreamRecords()) {
      KeyedRecord record = written.getValue();
      assertEquals(BucketSnapshots.OUTPUT_TOPIC, record.topic);
      ContractAssert.assertMatches(BucketSnapshots.OUTPUT_TOPIC, record.json);
      JsonNode value = Json.MAPPER.readTree(record.json);
      Chunk chunk = new Chunk(value.get("at").asLong(), value.get("bucket").asInt(), value.get("buckets").asInt(), value.get("chunk").asInt(),
          value.get("chunks").asInt(), value.get("vehicles"), record.json);
      assertEquals(String.valueOf(chunk.bucket()), record.key, "keyed by its bucket");
      assertEquals(chunk.at(), written.getTimestamp(), "the record's timestamp is its moment");
      assertEquals(settings.buckets(), chunk.buckets());
      for (JsonNode entry : chunk.vehicles()) assertEquals(chunk.bucket(), settings.bucketOf(entry.get("state").get("vehicleId").asText()), "a vehicle in its own bucket");
      chunks.add(chunk);
    }
    harness.getOutput().clear();
    return chunks;
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }
}
