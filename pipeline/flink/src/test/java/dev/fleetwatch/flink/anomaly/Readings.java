package dev.fleetwatch.flink.anomaly;

import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KafkaRecord;
import dev.fleetwatch.flink.contracts.ContractAssert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Test readings as the Node tests wrote them: a healthy vehicle with a small deterministic wobble, then a script. */
final class Readings {
  static final long T0 = Instant.parse("2026-03-02T12:00:00Z").toEpochMilli();
  static final int WARMUP_S = 120;
  static final AnomalySettings SETTINGS = new AnomalySettings(10_000, 10_000, 1_000, 30, 120_000, 30_000, 900_000, 1_800_000);

  private Readings() {}

  /** A {@code fleet.vehicle-state} record as fleet-state writes it, at {@code second} after T0, with some fields replaced. */
  static Map<String, Object> state(int second, Map<String, Object> override, String vehicleId) {
    boolean tanker = vehicleId.startsWith("tanker");
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("vehicleId", vehicleId);
    state.put("fleet", tanker ? "tankers" : "cabs");
    state.put("ts", T0 + second * 1_000L);
    state.put("lat", 51.92);
    state.put("lon", 4.48);
    state.put("speedKmh", 50);
    state.put("headingDeg", 90);
    state.put("engineTempC", 89 + Math.sin(second / 3.0));
    if (tanker) state.put("containerTempC", 18 + 0.05 * Math.sin(second / 5.0));
    state.put("fuelPct", 60);
    state.put("ignition", true);
    state.put("plate", "NL-01-AB");
    state.put("driver", "Sam");
    if (tanker) state.put("cargo", "gasoline");
    state.put("status", "moving");
    state.putAll(override);
    return state;
  }

  static ParsedReading reading(int second, Map<String, Object> override, String vehicleId) {
    return parsed(Json.write(state(second, override, vehicleId)));
  }

  static ParsedReading reading(int second) {
    return reading(second, Map.of(), "cab-1");
  }

  /** A reading the contract accepts (checked against lib/contracts' JSON Schema too), parsed as the job parses it. */
  static ParsedReading parsed(String json) {
    ContractAssert.assertMatches(AnomalyJob.INPUT_TOPIC, json);
    KafkaRecord raw = raw(json);
    try {
      return new ParsedReading(raw, AnomalyContracts.vehicleState(raw.value));
    } catch (AnomalyContracts.Rejected rejected) {
      throw new AssertionError(rejected.getMessage());
    }
  }

  static KafkaRecord raw(String json) {
    return new KafkaRecord(AnomalyJob.INPUT_TOPIC, 0, 0, 0, null, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  /** WARMUP_S healthy readings, then {@code seconds} readings each overridden by {@code at(second since warm-up)}. */
  static List<ParsedReading> series(int seconds, IntFunction<Map<String, Object>> at, String vehicleId) {
    return series(seconds, at, vehicleId, Map.of());
  }

  /** The same, every reading (warm-up too) with {@code base} applied first, e.g. another cargo. */
  static List<ParsedReading> series(int seconds, IntFunction<Map<String, Object>> at, String vehicleId, Map<String, Object> base) {
    List<ParsedReading> readings = new ArrayList<>();
    for (int s = 0; s < WARMUP_S; s += 1) readings.add(reading(s, base, vehicleId));
    for (int s = 0; s < seconds; s += 1) {
      Map<String, Object> override = new java.util.HashMap<>(base);
      override.putAll(at.apply(s));
      readings.add(reading(WARMUP_S + s, override, vehicleId));
    }
    return readings;
  }

  static List<ParsedReading> series(int seconds, IntFunction<Map<String, Object>> at) {
    return series(seconds, at, "cab-1");
  }

  /** Event time {@code second} seconds after warm-up. */
  static long at(int second) {
    return T0 + (WARMUP_S + second) * 1_000L;
  }

  static Map<String, Object> engine(double tempC) {
    return Map.of("engineTempC", tempC);
  }
}
