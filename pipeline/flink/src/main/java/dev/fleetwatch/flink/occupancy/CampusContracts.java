package dev.fleetwatch.flink.occupancy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetwatch.flink.common.ContractReader;
import dev.fleetwatch.flink.common.KafkaRecord;
import java.util.List;
import java.util.Set;

/**
 * The campus input contracts of lib/contracts/campus.ts (badgeSightingSchema, zoneSchema), read
 * with the jobs' one contract reader, so a rejection reason reads as the TypeScript side words it.
 */
final class CampusContracts {
  private CampusContracts() {}

  /** A parsed value or why there is none: never an exception. */
  record Parsed<T>(T value, String reason) {
    static <T> Parsed<T> ok(T value) {
      return new Parsed<>(value, null);
    }

    static <T> Parsed<T> rejected(String reason) {
      return new Parsed<>(null, reason);
    }
  }

  static Parsed<Sighting> sighting(KafkaRecord record) {
    ContractReader.Parsed json = ContractReader.parse(record.value);
    if (json.reason() != null) return Parsed.rejected(json.reason());
    ContractReader reader = json.reader();
    Sighting sighting = new Sighting(reader.id("sensorId"), reader.string("badgeId", 1, 128), reader.epochMs("ts"), record);
    return reader.problem() == null ? Parsed.ok(sighting) : Parsed.rejected(reader.problem());
  }

  /** The sighting's event time without the other fields' checks (the timestamp assigner's view); null if it has none. */
  static Long sightingTime(KafkaRecord record) {
    ContractReader.Parsed json = ContractReader.parse(record.value);
    if (json.reason() != null) return null;
    long ts = json.reader().epochMs("ts");
    return json.reader().problem() == null ? ts : null;
  }

  static Parsed<Zone> zone(KafkaRecord record) {
    ContractReader.Parsed json = ContractReader.parse(record.value);
    if (json.reason() != null) return Parsed.rejected(json.reason());
    ContractReader reader = json.reader();
    String zoneId = reader.id("zoneId");
    String name = reader.string("name", 0, Integer.MAX_VALUE);
    long capacity = reader.integer("capacity", 1, Integer.MAX_VALUE);
    List<String> sensors = reader.ids("sensors");
    shape(reader.object("shape"));
    if (reader.problem() != null) return Parsed.rejected(reader.problem());
    return Parsed.ok(new Zone(zoneId, name, (int) capacity, sensors.toArray(String[]::new)));
  }

  /**
   * One of the job's own capacity alerts read back from {@code campus.zone-alerts}; null for
   * another kind or a record that is not one (the topic is shared with nothing else, but a
   * restart must never fail on it).
   */
  static ZoneEvent previousAlert(KafkaRecord record) {
    ContractReader.Parsed json = ContractReader.parse(record.value);
    if (json.reason() != null) return null;
    ContractReader reader = json.reader();
    if (!"capacity".equals(reader.oneOf("kind", Set.of("anomaly", "capacity", "consumer-lag")))) return null;
    ZoneEvent event = ZoneEvent.previousAlert(reader.id("zoneId"), reader.id("alertId"), reader.epochMs("startedAt"),
        reader.oneOf("severity", Set.of("info", "warning", "critical")), "cleared".equals(reader.oneOf("state", Set.of("firing", "cleared"))));
    return reader.problem() == null ? event : null;
  }

  /** zoneShapeSchema: a rect with a positive size, or a polygon of at least 3 points. */
  private static void shape(ContractReader shape) {
    String type = shape.oneOf("type", Set.of("rect", "polygon"));
    if ("rect".equals(type)) {
      shape.number("x", -Double.MAX_VALUE, Double.MAX_VALUE);
      shape.number("y", -Double.MAX_VALUE, Double.MAX_VALUE);
      shape.number("width", Double.MIN_VALUE, Double.MAX_VALUE);
      shape.number("height", Double.MIN_VALUE, Double.MAX_VALUE);
    } else if ("polygon".equals(type)) {
      shape.array("points", 3, CampusContracts::isPoint, "expected a point [x, y]");
    }
  }

  private static boolean isPoint(JsonNode point) {
    return point.isArray() && point.size() == 2 && point.get(0).isNumber() && point.get(1).isNumber();
  }
}
