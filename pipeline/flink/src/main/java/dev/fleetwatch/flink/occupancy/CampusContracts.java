package dev.fleetwatch.flink.occupancy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KafkaRecord;
import java.util.regex.Pattern;

/**
 * The campus input contracts of lib/contracts/campus.ts (badgeSightingSchema, zoneSchema),
 * checked field by field. A rejection reason starts with the kind the BFF's metrics count
 * ({@code empty}, {@code not-json}, {@code contract}), as the TypeScript consumers write it.
 */
final class CampusContracts {
  /** idSchema: ids become Kafka keys, room names and URL segments. */
  private static final Pattern ID = Pattern.compile("^[\\w.:@-]{1,128}$");
  private static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

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
    Parsed<JsonNode> json = object(record);
    if (json.reason() != null) return Parsed.rejected(json.reason());
    JsonNode node = json.value();
    String problem = firstProblem(id(node, "sensorId"), string(node, "badgeId", 128), epochMs(node, "ts"));
    if (problem != null) return Parsed.rejected("contract: " + problem);
    return Parsed.ok(new Sighting(node.get("sensorId").asText(), node.get("badgeId").asText(), node.get("ts").asLong(), record));
  }

  /** The sighting's event time without a full check (the timestamp assigner's view); null if it has none. */
  static Long sightingTime(KafkaRecord record) {
    Parsed<JsonNode> json = object(record);
    if (json.reason() != null || epochMs(json.value(), "ts") != null) return null;
    return json.value().get("ts").asLong();
  }

  static Parsed<Zone> zone(KafkaRecord record) {
    Parsed<JsonNode> json = object(record);
    if (json.reason() != null) return Parsed.rejected(json.reason());
    JsonNode node = json.value();
    String problem = firstProblem(id(node, "zoneId"), string(node, "name", Integer.MAX_VALUE), positiveInt(node, "capacity"), sensors(node), shape(node.get("shape")));
    if (problem != null) return Parsed.rejected("contract: " + problem);
    JsonNode sensors = node.get("sensors");
    String[] ids = new String[sensors.size()];
    for (int i = 0; i < ids.length; i++) ids[i] = sensors.get(i).asText();
    return Parsed.ok(new Zone(node.get("zoneId").asText(), node.get("name").asText(), node.get("capacity").asInt(), ids));
  }

  private static Parsed<JsonNode> object(KafkaRecord record) {
    if (record.value == null || record.value.length == 0) return Parsed.rejected("empty: message has no value");
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(record.value);
    } catch (Exception e) {
      return Parsed.rejected("not-json: " + e.getMessage().lines().findFirst().orElse("unreadable"));
    }
    if (node == null || !node.isObject()) return Parsed.rejected("contract: (root): Invalid input: expected object, received " + kind(node));
    return Parsed.ok(node);
  }

  private static String firstProblem(String... problems) {
    for (String problem : problems) if (problem != null) return problem;
    return null;
  }

  private static String id(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) return field + ": Invalid input: expected string, received " + kind(value);
    return ID.matcher(value.asText()).matches() ? null : field + ": letters, digits and . _ : @ - only (1 to 128 characters)";
  }

  private static String string(JsonNode node, String field, int maxLength) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) return field + ": Invalid input: expected string, received " + kind(value);
    int length = value.asText().length();
    if (maxLength < Integer.MAX_VALUE && (length < 1 || length > maxLength)) return field + ": must have 1 to " + maxLength + " characters";
    return null;
  }

  private static String epochMs(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) return field + ": Invalid input: expected number, received " + kind(value);
    if (!isWhole(value) || value.asLong() < 0 || value.asLong() > MAX_SAFE_INTEGER) return field + ": must be epoch milliseconds (a whole number, not negative)";
    return null;
  }

  private static String positiveInt(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) return field + ": Invalid input: expected number, received " + kind(value);
    return isWhole(value) && value.asLong() > 0 && value.asLong() <= Integer.MAX_VALUE ? null : field + ": must be a positive whole number";
  }

  private static String sensors(JsonNode node) {
    JsonNode sensors = node.get("sensors");
    if (sensors == null || !sensors.isArray()) return "sensors: Invalid input: expected array, received " + kind(sensors);
    for (int i = 0; i < sensors.size(); i++) {
      if (!sensors.get(i).isTextual() || !ID.matcher(sensors.get(i).asText()).matches()) return "sensors." + i + ": letters, digits and . _ : @ - only (1 to 128 characters)";
    }
    return null;
  }

  /** zoneShapeSchema: a rect with a positive size, or a polygon of at least 3 points. */
  private static String shape(JsonNode shape) {
    if (shape == null || !shape.isObject()) return "shape: Invalid input: expected object, received " + kind(shape);
    String type = shape.path("type").asText("");
    if (type.equals("rect")) {
      for (String field : new String[] {"x", "y", "width", "height"}) {
        if (!shape.path(field).isNumber()) return "shape." + field + ": Invalid input: expected number";
      }
      return shape.get("width").asDouble() > 0 && shape.get("height").asDouble() > 0 ? null : "shape: width and height must be positive";
    }
    if (type.equals("polygon")) {
      JsonNode points = shape.path("points");
      if (!points.isArray() || points.size() < 3) return "shape.points: a polygon needs at least 3 points";
      for (JsonNode point : points) {
        if (!point.isArray() || point.size() != 2 || !point.get(0).isNumber() || !point.get(1).isNumber()) return "shape.points: each point is [x, y]";
      }
      return null;
    }
    return "shape.type: Invalid input: expected \"rect\" or \"polygon\"";
  }

  private static boolean isWhole(JsonNode value) {
    return value.isIntegralNumber() || (value.isFloatingPointNumber() && value.asDouble() == Math.rint(value.asDouble()));
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) return "undefined";
    if (node.isNull()) return "null";
    if (node.isArray()) return "array";
    if (node.isTextual()) return "string";
    if (node.isNumber()) return "number";
    if (node.isBoolean()) return "boolean";
    return "object";
  }
}
