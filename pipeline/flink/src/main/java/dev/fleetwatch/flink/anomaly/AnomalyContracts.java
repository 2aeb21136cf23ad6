package dev.fleetwatch.flink.anomaly;

import dev.fleetwatch.flink.anomaly.ContractReader.Rejected;
import java.util.Set;

/** The anomaly job's two inputs read against lib/contracts: fleet.ts vehicleStateSchema and alerts.ts alertSchema. */
final class AnomalyContracts {
  static final Set<String> FLEETS = Set.of("cabs", "tankers");
  static final Set<String> CARGOES = Set.of("gasoline", "diesel", "lpg", "naphtha");
  static final Set<String> STATUSES = Set.of("moving", "idle", "parked", "offline");
  static final Set<String> ROAD_CONDITIONS = Set.of("dry", "wet", "icy", "snow", "roadworks");
  static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
  static final Set<String> ALERT_STATES = Set.of("firing", "cleared");
  static final Set<String> ALERT_KINDS = Set.of("anomaly", "capacity", "consumer-lag");

  private AnomalyContracts() {}

  /** A {@code fleet.vehicle-state} record, checked field by field as the zod schema does. */
  static VehicleReading vehicleState(byte[] value) throws Rejected {
    ContractReader in = ContractReader.of(value);
    if (!in.isObject()) in.done();
    VehicleReading reading = new VehicleReading();
    reading.vehicleId = in.id("vehicleId");
    reading.fleet = in.oneOf("fleet", FLEETS);
    Long ts = in.epochMs("ts");
    in.number("lat", -90, 90);
    in.number("lon", -180, 180);
    in.number("speedKmh", 0, 300);
    in.number("headingDeg", 0, 360);
    Double engine = in.number("engineTempC", -60, 250);
    reading.containerTempC = in.optionalNumber("containerTempC", -80, 200);
    in.number("fuelPct", 0, 100);
    Boolean ignition = in.bool("ignition");
    in.optionalOneOf("roadCondition", ROAD_CONDITIONS);
    reading.plate = in.string("plate");
    in.string("driver");
    in.optionalString("depot");
    reading.cargo = in.optionalOneOf("cargo", CARGOES);
    reading.status = in.oneOf("status", STATUSES);
    in.done();
    reading.ts = ts;
    reading.engineTempC = engine;
    reading.ignition = ignition;
    return reading;
  }

  /**
   * A {@code fleet.anomalies} record as the alert contract allows it; null for another kind of alert
   * (not this job's to continue).
   */
  static AnomalyAlert anomalyAlert(byte[] value) throws Rejected {
    ContractReader in = ContractReader.of(value);
    if (!in.isObject()) in.done();
    String kind = in.oneOf("kind", ALERT_KINDS);
    in.done();
    if (!"anomaly".equals(kind)) return null;
    AnomalyAlert alert = new AnomalyAlert();
    alert.alertId = in.id("alertId");
    alert.team = in.oneOf("team", Set.of("fleet"));
    alert.vehicleId = in.id("vehicleId");
    alert.fleet = in.optionalOneOf("fleet", FLEETS);
    alert.plate = in.optionalString("plate");
    alert.metric = in.string("metric");
    Double alertValue = in.number("value", -Double.MAX_VALUE, Double.MAX_VALUE);
    ContractReader normal = in.object("normal");
    Long startedAt = in.epochMs("startedAt");
    Long detectedAt = in.epochMs("detectedAt");
    alert.severity = in.oneOf("severity", SEVERITIES);
    alert.state = in.oneOf("state", ALERT_STATES);
    alert.normal = range(normal);
    in.done(normal);
    alert.value = alertValue;
    alert.startedAt = startedAt;
    alert.detectedAt = detectedAt;
    return alert;
  }

  /** The band's {min, max} form; the {mean, std} form is valid too but carries no band to continue. */
  private static AnomalyAlert.Range range(ContractReader normal) {
    if (normal.has("min") || normal.has("max")) {
      Double min = normal.number("min", -Double.MAX_VALUE, Double.MAX_VALUE);
      Double max = normal.number("max", -Double.MAX_VALUE, Double.MAX_VALUE);
      return min == null || max == null ? null : new AnomalyAlert.Range(min, max);
    }
    normal.number("mean", -Double.MAX_VALUE, Double.MAX_VALUE);
    normal.number("std", 0, Double.MAX_VALUE);
    return null;
  }
}
