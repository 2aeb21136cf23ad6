package dev.fleetwatch.flink.anomaly;

import dev.fleetwatch.flink.common.ContractReader;
import java.util.Set;

/** The anomaly job's two inputs read against lib/contracts: fleet.ts vehicleStateSchema and alerts.ts alertSchema. */
final class AnomalyContracts {
  static final Set<String> FLEETS = Set.of("cabs", "tankers");
  static final Set<String> CARGOES = Set.of("gasoline", "diesel", "lpg", "naphtha");
  static final Set<String> STATUSES = Set.of("moving", "idle", "parked", "offline");
  static final Set<String> ROAD_CONDITIONS = Set.of("dry", "wet", "icy", "snow", "roadworks");
  static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
  static final Set<String> ALERT_STATES = Set.of("firing", "inhibited", "cleared");
  static final Set<String> INHIBIT_REASONS = Set.of("ignition-off", "offline");
  static final Set<String> ALERT_KINDS = Set.of("anomaly", "capacity", "consumer-lag");
  private static final int ANY_LENGTH = Integer.MAX_VALUE;

  private AnomalyContracts() {}

  /** A record that does not meet its contract, and why (the dead letter's reason). */
  static final class Rejected extends Exception {
    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A {@code fleet.vehicle-state} record, checked field by field as the zod schema does. */
  static VehicleReading vehicleState(byte[] value) throws Rejected {
    ContractReader in = reader(value);
    VehicleReading reading = new VehicleReading();
    reading.vehicleId = in.id("vehicleId");
    reading.fleet = in.oneOf("fleet", FLEETS);
    reading.ts = in.epochMs("ts");
    reading.lat = in.number("lat", -90, 90);
    reading.lon = in.number("lon", -180, 180);
    reading.speedKmh = in.number("speedKmh", 0, 300);
    in.number("headingDeg", 0, 360);
    reading.engineTempC = in.number("engineTempC", -60, 250);
    reading.containerTempC = in.optionalNumber("containerTempC", -80, 200);
    in.number("fuelPct", 0, 100);
    reading.ignition = in.bool("ignition");
    in.optionalOneOf("roadCondition", ROAD_CONDITIONS);
    reading.plate = in.string("plate", 0, ANY_LENGTH);
    in.string("driver", 0, ANY_LENGTH);
    in.optionalString("depot", 0, ANY_LENGTH);
    reading.cargo = in.optionalOneOf("cargo", CARGOES);
    reading.status = in.oneOf("status", STATUSES);
    done(in);
    return reading;
  }

  /**
   * A {@code fleet.anomalies} record as the alert contract allows it; null for another kind of alert
   * (not this job's to continue).
   */
  static AnomalyAlert anomalyAlert(byte[] value) throws Rejected {
    ContractReader in = reader(value);
    String kind = in.oneOf("kind", ALERT_KINDS);
    done(in);
    if (!"anomaly".equals(kind)) return null;
    AnomalyAlert alert = new AnomalyAlert();
    alert.alertId = in.id("alertId");
    alert.team = in.oneOf("team", Set.of("fleet"));
    alert.vehicleId = in.id("vehicleId");
    alert.fleet = in.optionalOneOf("fleet", FLEETS);
    alert.plate = in.optionalString("plate", 0, 32);
    alert.metric = in.string("metric", 1, ANY_LENGTH);
    alert.value = in.number("value", -Double.MAX_VALUE, Double.MAX_VALUE);
    alert.normal = range(in.object("normal"));
    alert.startedAt = in.epochMs("startedAt");
    alert.detectedAt = in.epochMs("detectedAt");
    alert.severity = in.oneOf("severity", SEVERITIES);
    alert.state = in.oneOf("state", ALERT_STATES);
    alert.reason = in.optionalOneOf("reason", INHIBIT_REASONS);
    done(in);
    return alert;
  }

  /** The band's {min, max} form; the {mean, std} form is valid too but carries no band to continue. */
  private static AnomalyAlert.Range range(ContractReader normal) {
    if (normal.has("min") || normal.has("max")) return new AnomalyAlert.Range(normal.number("min", -Double.MAX_VALUE, Double.MAX_VALUE), normal.number("max", -Double.MAX_VALUE, Double.MAX_VALUE));
    normal.number("mean", -Double.MAX_VALUE, Double.MAX_VALUE);
    normal.number("std", 0, Double.MAX_VALUE);
    return null;
  }

  private static ContractReader reader(byte[] value) throws Rejected {
    ContractReader.Parsed parsed = ContractReader.parse(value);
    if (parsed.reason() != null) throw new Rejected(parsed.reason());
    return parsed.reader();
  }

  private static void done(ContractReader in) throws Rejected {
    String problem = in.problem();
    if (problem != null) throw new Rejected(problem);
  }
}
