package dev.fleetwatch.flink.fleetstate;

import dev.fleetwatch.flink.common.ContractReader;
import java.util.Set;

/** {@code fleet.vehicles} (lib/contracts/fleet.ts vehicleSchema): the compacted registry, keyed by vehicleId. */
public class Vehicle {
  static final Set<String> CARGOS = Set.of("gasoline", "diesel", "lpg", "naphtha");

  public String vehicleId;
  public String fleet;
  public String plate;
  public String driver;
  public String depot;
  public String cargo;

  public Vehicle() {}

  public Vehicle(String vehicleId, String fleet, String plate, String driver, String depot, String cargo) {
    this.vehicleId = vehicleId;
    this.fleet = fleet;
    this.plate = plate;
    this.driver = driver;
    this.depot = depot;
    this.cargo = cargo;
  }

  static Vehicle read(ContractReader in) {
    Vehicle v = new Vehicle();
    v.vehicleId = in.id("vehicleId");
    v.fleet = in.oneOf("fleet", Telemetry.FLEETS);
    v.plate = in.string("plate", 1, 32);
    v.driver = in.string("driver", 1, 128);
    v.depot = in.string("depot", 1, 128);
    v.cargo = in.optionalOneOf("cargo", CARGOS);
    return v;
  }
}
