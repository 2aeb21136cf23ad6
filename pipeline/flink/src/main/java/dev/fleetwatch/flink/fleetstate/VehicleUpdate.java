package dev.fleetwatch.flink.fleetstate;

/** One change of the registry: a vehicle (re)registered, or removed ({@code vehicle == null}, a compaction tombstone). */
public class VehicleUpdate {
  public String vehicleId;
  public Vehicle vehicle;

  public VehicleUpdate() {}

  public VehicleUpdate(String vehicleId, Vehicle vehicle) {
    this.vehicleId = vehicleId;
    this.vehicle = vehicle;
  }
}
