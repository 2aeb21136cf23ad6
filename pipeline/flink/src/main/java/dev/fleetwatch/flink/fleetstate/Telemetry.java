package dev.fleetwatch.flink.fleetstate;

import dev.fleetwatch.flink.common.ContractReader;
import java.util.Set;

/** {@code fleet.telemetry.raw} (lib/contracts/fleet.ts rawTelemetrySchema): one fix of a vehicle's IoT unit. */
public class Telemetry {
  static final Set<String> FLEETS = Set.of("cabs", "tankers");
  static final Set<String> ROAD_CONDITIONS = Set.of("dry", "wet", "icy", "snow", "roadworks");

  public String vehicleId;
  public String fleet;
  public long ts;
  public double lat;
  public double lon;
  public double speedKmh;
  public double headingDeg;
  public double engineTempC;
  public Double containerTempC;
  public double fuelPct;
  public boolean ignition;
  public String roadCondition;

  public Telemetry() {}

  /** Reads every field the contract names; the reader collects what does not match. */
  static Telemetry read(ContractReader in) {
    Telemetry t = new Telemetry();
    t.vehicleId = in.id("vehicleId");
    t.fleet = in.oneOf("fleet", FLEETS);
    t.ts = in.epochMs("ts");
    t.lat = in.number("lat", -90, 90);
    t.lon = in.number("lon", -180, 180);
    t.speedKmh = in.number("speedKmh", 0, 300);
    t.headingDeg = in.number("headingDeg", 0, 360);
    t.engineTempC = in.number("engineTempC", -60, 250);
    t.containerTempC = in.optionalNumber("containerTempC", -80, 200);
    t.fuelPct = in.number("fuelPct", 0, 100);
    t.ignition = in.bool("ignition");
    t.roadCondition = in.optionalOneOf("roadCondition", ROAD_CONDITIONS);
    return t;
  }
}
