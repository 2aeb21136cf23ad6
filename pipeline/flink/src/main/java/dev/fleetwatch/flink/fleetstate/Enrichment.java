package dev.fleetwatch.flink.fleetstate;

import dev.fleetwatch.flink.common.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Joins a fix with the registry into a {@code fleet.vehicle-state} record (lib/contracts/fleet.ts vehicleStateSchema). */
public final class Enrichment {
  /** Below this a vehicle with its engine on is idling, not driving (GPS speed jitters around 0). */
  public static final double IDLE_BELOW_KMH = 3;
  /** Fixes further ahead than this are a unit with a broken clock; they would poison every window. */
  public static final long MAX_CLOCK_SKEW_MS = 5 * 60_000;
  static final String UNREGISTERED = "unregistered";

  private Enrichment() {}

  /** The enriched state as contract JSON, or the reason the fix is rejected. */
  public record Result(Map<String, Object> state, String reason) {
    public boolean ok() {
      return reason == null;
    }

    public String json() {
      return Json.write(state);
    }
  }

  public static String statusOf(boolean ignition, double speedKmh) {
    if (!ignition) return "parked";
    return speedKmh < IDLE_BELOW_KMH ? "idle" : "moving";
  }

  /** A vehicle not (yet) registered still shows, marked as such. */
  public static Result enrich(Telemetry t, Vehicle vehicle, long now) {
    if (t.ts > now + MAX_CLOCK_SKEW_MS) {
      return new Result(null, "future-timestamp: ts " + Instant.ofEpochMilli(t.ts) + " is more than 5 minutes ahead");
    }
    if (vehicle != null && !vehicle.fleet.equals(t.fleet)) {
      return new Result(null, "fleet-mismatch: telemetry says " + t.fleet + ", registry says " + vehicle.fleet);
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("vehicleId", t.vehicleId);
    state.put("fleet", t.fleet);
    state.put("ts", t.ts);
    state.put("lat", t.lat);
    state.put("lon", t.lon);
    state.put("speedKmh", t.speedKmh);
    state.put("headingDeg", t.headingDeg);
    state.put("engineTempC", t.engineTempC);
    if (t.containerTempC != null) state.put("containerTempC", t.containerTempC);
    state.put("fuelPct", t.fuelPct);
    state.put("ignition", t.ignition);
    if (t.roadCondition != null) state.put("roadCondition", t.roadCondition);
    state.put("plate", vehicle == null ? UNREGISTERED : vehicle.plate);
    state.put("driver", vehicle == null ? UNREGISTERED : vehicle.driver);
    if (vehicle != null && vehicle.depot != null) state.put("depot", vehicle.depot);
    if (vehicle != null && vehicle.cargo != null) state.put("cargo", vehicle.cargo);
    state.put("status", statusOf(t.ignition, t.speedKmh));
    return new Result(state, null);
  }
}
