package dev.fleetwatch.flink.occupancy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KafkaRecord;
import dev.fleetwatch.flink.common.KeyedRecord;
import dev.fleetwatch.flink.contracts.ContractAssert;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Zones, settings and output readers the occupancy tests share. */
final class Fixtures {
  static final OccupancySettings SETTINGS = new OccupancySettings(90, 10, 60_000, 30_000, 10_000, 10_000);
  static final long LATENESS = SETTINGS.allowedLatenessMs();
  static final ZoneRef HALL = new ZoneRef("main-hall", "Main hall", 500);
  static final ZoneRef CAFE = new ZoneRef("cafeteria", "Cafeteria", 300);

  private Fixtures() {}

  static ZoneEvent sighting(ZoneRef zone, String badge, long ts) {
    return ZoneEvent.of(ZoneEvent.Kind.SIGHTING, zone, badge, ts);
  }

  static ZoneEvent zone(ZoneRef zone) {
    return ZoneEvent.of(ZoneEvent.Kind.ZONE, zone, null, 0);
  }

  static KafkaRecord raw(String topic, String key, String json, long offset) {
    return new KafkaRecord(topic, 0, offset, 0, key == null ? null : key.getBytes(StandardCharsets.UTF_8), json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  static KafkaRecord sightingRecord(String sensor, String badge, long ts) {
    return raw(OccupancyJob.SIGHTINGS_TOPIC, sensor, "{\"sensorId\":\"" + sensor + "\",\"badgeId\":\"" + badge + "\",\"ts\":" + ts + "}", 0);
  }

  static KafkaRecord zoneRecord(ZoneRef zone, String... sensors) {
    String list = sensors.length == 0 ? "" : "\"" + String.join("\",\"", sensors) + "\"";
    return raw(OccupancyJob.ZONES_TOPIC, zone.zoneId, "{\"zoneId\":\"" + zone.zoneId + "\",\"name\":\"" + zone.name + "\",\"capacity\":" + zone.capacity
        + ",\"sensors\":[" + list + "],\"shape\":{\"type\":\"rect\",\"x\":0,\"y\":0,\"width\":10,\"height\":10}}", 0);
  }

  /** An output record parsed, after checking it against its topic's contract and its key. */
  record Output(String topic, String key, JsonNode value) {
    String text(String field) {
      return value.get(field).asText();
    }

    long number(String field) {
      return value.get(field).asLong();
    }
  }

  static List<Output> outputs(Iterable<KeyedRecord> records) {
    List<Output> outputs = new ArrayList<>();
    for (KeyedRecord record : records) {
      ContractAssert.assertMatches(record.topic, record.json);
      try {
        outputs.add(new Output(record.topic, record.key, Json.MAPPER.readTree(record.json)));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    return outputs;
  }

  static List<Output> windowRows(List<Output> outputs) {
    return filter(outputs, o -> o.topic().equals(ZoneFigures.OCCUPANCY_TOPIC) && o.text("window").equals("15m"));
  }

  static List<Output> liveRows(List<Output> outputs) {
    return filter(outputs, o -> o.topic().equals(ZoneFigures.OCCUPANCY_TOPIC) && o.text("window").equals("live"));
  }

  static List<Output> alerts(List<Output> outputs) {
    return filter(outputs, o -> o.topic().equals(ZoneFigures.ALERTS_TOPIC));
  }

  private static List<Output> filter(List<Output> outputs, Predicate<Output> keep) {
    return outputs.stream().filter(keep).toList();
  }
}
